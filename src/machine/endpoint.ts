/**
 * One TCP endpoint as a pure reducer: `step(tcb, input, now)` returns the next TCB, what to send,
 * which timers to start or stop, and the id of the transition record (definition.ts) it took.
 * It never mutates its argument and executes nothing; the simulator and the islands do that.
 *
 * Organised like smoltcp's socket: one function per group of states for an arriving segment,
 * following RFC 9293 §3.10.7 in its own order (sequence number, RST, SYN, ACK, text, FIN),
 * and one place (`enter`) that changes the state, emits the `state` output and records the id.
 *
 * Sequence numbers are plain integers without 32-bit wraparound: scenarios are short and start
 * from small ISS values, so "a < b" reads as the RFC's modular comparison would.
 */
import { MAY_DELAY_ACK, stateSlug as slug, transitionById } from './definition';
import { REPORT_TEXT } from './notation';
import type { ReportCode, Call, EndpointConfig, Flag, Input, Output, Segment, State, TimerName } from './types';
import { TIMERS } from './types';
import type { Note } from './notes';

/** Absolute deadlines in virtual ms, or null when the timer is not armed. */
export interface Timers {
  retransmission: number | null;
  timeWait: number | null;
  delayedAck: number | null;
}

/** A segment we sent that occupies sequence space and is not yet acknowledged (§3.7 retransmission queue). */
export interface Unacked {
  seq: number;
  /** Data bytes, not counting SYN or FIN. */
  len: number;
  syn: boolean;
  fin: boolean;
}

/** The Transmission Control Block (§3.3.1 variables, plus the queues and timers this model needs). */
export interface Tcb {
  state: State;
  /** How the connection was opened; MUST-11 needs it to choose LISTEN or CLOSED on a RST in SYN-RECEIVED. */
  origin: 'passive' | 'active' | null;
  iss: number;
  irs: number | null;
  sndUna: number;
  sndNxt: number;
  /** The peer's advertised window, an offset from SND.UNA. */
  sndWnd: number;
  /** SND.WL1 / SND.WL2: the segment that last updated SND.WND (§3.10.7.4, fifth check). */
  sndWl1: number;
  sndWl2: number;
  /** MAX.SND.WND of RFC 5961 §5: the largest window the peer ever offered. */
  maxSndWnd: number;
  rcvNxt: number;
  rcvWnd: number;
  /** Bytes the application asked to SEND that are not yet segmentized. */
  sendQueue: number;
  /**
   * Sequence number of our FIN once sent, else null. In FIN-WAIT-1, CLOSING or LAST-ACK with
   * `finSeq === null` the FIN is still pending: CLOSE was called while data waited in the send queue.
   */
  finSeq: number | null;
  /** Sent and not yet acknowledged, oldest first. Replaced, never mutated. */
  retransmissionQueue: readonly Unacked[];
  /** Retransmissions of the oldest segment so far. */
  retries: number;
  /** Current retransmission timeout in ms: config.rto, doubled per retry (RFC 6298 §5.5). */
  rto: number;
  /** Total bytes delivered to the application. */
  bytesReceived: number;
  timers: Timers;
  config: EndpointConfig;
}

export interface StepResult {
  tcb: Tcb;
  outputs: Output[];
  /** Id of the transition record taken (self-loops included), or null when none applies. */
  transition: string | null;
  /** Why nothing happened, or a detail worth showing, as a code (src/machine/notes.ts renders it). */
  note?: Note;
}

/**
 * Linux's TCP_RTO_MAX. RFC 6298 §2.5: "A maximum value MAY be placed on RTO provided it is at least
 * 60 seconds"; without a cap, 15 doublings of 1 s would wait nine hours.
 */
export const RTO_MAX = 120_000;


/** A fresh endpoint in CLOSED, with no TCB content yet (the RFC's CLOSED has no TCB at all). */
export function createEndpoint(config: EndpointConfig): Tcb {
  return {
    state: 'CLOSED',
    origin: null,
    iss: config.iss,
    irs: null,
    sndUna: config.iss,
    sndNxt: config.iss,
    sndWnd: 0,
    sndWl1: 0,
    sndWl2: 0,
    maxSndWnd: 0,
    rcvNxt: 0,
    rcvWnd: config.window,
    sendQueue: 0,
    finSeq: null,
    retransmissionQueue: [],
    retries: 0,
    rto: config.rto,
    bytesReceived: 0,
    timers: { retransmission: null, timeWait: null, delayedAck: null },
    config,
  };
}

/** The earliest armed timer, or null when none is armed. Ties go in TIMERS order. */
export function nextTimer(tcb: Tcb): { timer: TimerName; at: number } | null {
  let best: { timer: TimerName; at: number } | null = null;
  for (const timer of TIMERS) {
    const at = tcb.timers[timer];
    if (at !== null && (best === null || at < best.at)) best = { timer, at };
  }
  return best;
}

/** User calls that do not end in an error in the TCB's state (§3.10.1–§3.10.5). */
export function legalCalls(tcb: Tcb): Array<Exclude<Call, 'crash'>> {
  switch (tcb.state) {
    case 'CLOSED':
      return ['listen', 'connect'];
    case 'LISTEN':
      return ['connect', 'send', 'close', 'abort'];
    case 'SYN-SENT':
    case 'SYN-RECEIVED':
    case 'ESTABLISHED':
    case 'CLOSE-WAIT':
      return ['send', 'close', 'abort'];
    case 'FIN-WAIT-1':
    case 'FIN-WAIT-2':
    case 'CLOSING':
    case 'LAST-ACK':
    case 'TIME-WAIT':
      return ['abort'];
  }
}

/** True in FIN-WAIT-1, CLOSING or LAST-ACK while our FIN waits behind queued data. */
export function finPending(tcb: Tcb): boolean {
  return (tcb.state === 'FIN-WAIT-1' || tcb.state === 'CLOSING' || tcb.state === 'LAST-ACK') && tcb.finSeq === null;
}

/** SEG.LEN: data plus one for SYN and one for FIN (Glossary: both occupy sequence space). */
export function segmentLength(segment: Segment): number {
  return segment.len + (segment.flags.includes('SYN') ? 1 : 0) + (segment.flags.includes('FIN') ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------
// The working context of one step. `t` is a shallow copy of the input TCB that this step owns.

type AckNeed = 'none' | 'delayed' | 'now';

interface Step {
  readonly before: Tcb;
  readonly t: Tcb;
  readonly now: number;
  readonly outputs: Output[];
  transition: string | null;
  note: Note | undefined;
  /** Index in outputs of the state output of this step, to merge two changes in one segment. */
  stateOutput: number;
  ack: AckNeed;
  /** A segment carrying ACK went out this step, so any owed ACK rode on it (piggyback). */
  acked: boolean;
}

/** Process one input. Pure: `tcb` is not modified. */
export function step(tcb: Tcb, input: Input, now: number): StepResult {
  const s: Step = {
    before: tcb,
    t: { ...tcb, timers: { ...tcb.timers } },
    now,
    outputs: [],
    transition: null,
    note: undefined,
    stateOutput: -1,
    ack: 'none',
    acked: false,
  };
  switch (input.kind) {
    case 'call':
      onCall(s, input.call, input.bytes);
      break;
    case 'segment':
      onSegment(s, input.segment);
      break;
    case 'timer':
      onTimer(s, input.timer);
      break;
  }
  finish(s);
  const result: StepResult = { tcb: s.t, outputs: s.outputs, transition: s.transition };
  if (s.note !== undefined) result.note = s.note;
  return result;
}

/** Change state: the only place that does. Emits the `state` output and records the transition id. */
function enter(s: Step, to: State, id: string): void {
  const t = s.t;
  if (t.state === to) {
    take(s, id);
    return;
  }
  const cause = transitionById(id).event;
  if (s.stateOutput >= 0) {
    // A second change within one segment (SYN-RECEIVED → ESTABLISHED → CLOSE-WAIT): the record
    // `id` covers the whole move, and the trace shows one state change from where the step began.
    s.outputs[s.stateOutput] = { type: 'state', from: s.before.state, to, cause };
  } else {
    s.stateOutput = s.outputs.length;
    s.outputs.push({ type: 'state', from: t.state, to, cause });
  }
  t.state = to;
  s.transition = id;
  if (to === 'CLOSED') {
    // "Delete the TCB": flush the queues and turn every timer off.
    stopAllTimers(s);
    t.retransmissionQueue = [];
    t.sendQueue = 0;
    s.ack = 'none';
  } else if (to === 'TIME-WAIT') {
    // §3.10.7.4 eighth step: "start the time-wait timer, turn off the other timers".
    stopTimer(s, 'retransmission');
    t.retransmissionQueue = [];
    startTimer(s, 'timeWait', 2 * t.config.msl);
  }
}

/** Record a transition that leaves the state unchanged (first one wins within a step). */
function take(s: Step, id: string): void {
  if (s.transition === null) s.transition = id;
}

function error(s: Step, code: ReportCode): void {
  s.outputs.push({ type: 'error', code, message: REPORT_TEXT[code] });
}

function startTimer(s: Step, name: TimerName, duration: number): void {
  s.t.timers[name] = s.now + duration;
  s.outputs.push({ type: 'timer', name, action: 'start', duration });
}

function stopTimer(s: Step, name: TimerName): void {
  if (s.t.timers[name] === null) return;
  s.t.timers[name] = null;
  s.outputs.push({ type: 'timer', name, action: 'stop' });
}

function stopAllTimers(s: Step): void {
  for (const name of TIMERS) stopTimer(s, name);
}

/**
 * Emit a segment. Every segment but a RST advertises RCV.WND (SEG.WND), as real headers always do:
 * the peer may be configured with another window and must not guess ours.
 */
function send(s: Step, flags: Flag[], seq: number, ack: number | null, len: number): void {
  const segment: Segment = { flags, seq, ack, len };
  if (!flags.includes('RST')) segment.window = s.t.rcvWnd;
  s.outputs.push({ type: 'send', segment });
  if (ack !== null) s.acked = true;
}

/** <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>: the reply to unacceptable segments and the challenge ACK. */
function sendAckNow(s: Step): void {
  send(s, ['ACK'], s.t.sndNxt, s.t.rcvNxt, 0);
}

/** Put a segment that occupies sequence space on the wire and on the retransmission queue. */
function transmit(s: Step, entry: Unacked): void {
  const t = s.t;
  const flags: Flag[] = [];
  if (entry.syn) flags.push('SYN');
  if (entry.fin) flags.push('FIN');
  // Every segment but the first SYN of an active open carries an ACK (§3.10.7.3, §3.10.7.4).
  const ack = t.irs === null ? null : t.rcvNxt;
  if (ack !== null) flags.push('ACK');
  send(s, flags, entry.seq, ack, entry.len);
  t.retransmissionQueue = [...t.retransmissionQueue, entry];
  // RFC 6298 §5.1: start the timer when a segment is sent and it is not running.
  if (t.timers.retransmission === null) startTimer(s, 'retransmission', t.rto);
}

/** Reset the TCB for a new connection from CLOSED or LISTEN (OPEN, §3.10.1). */
function openFresh(s: Step, origin: 'passive' | 'active'): void {
  const fresh = createEndpoint(s.t.config);
  Object.assign(s.t, fresh, { state: s.t.state, timers: s.t.timers, origin });
}

/** Send our SYN: <SEQ=ISS><CTL=SYN>, SND.UNA = ISS, SND.NXT = ISS+1 (§3.10.1). */
function sendSyn(s: Step): void {
  const t = s.t;
  t.iss = t.config.iss;
  t.sndUna = t.iss;
  t.sndNxt = t.iss + 1;
  transmit(s, { seq: t.iss, len: 0, syn: true, fin: false });
}

// ---------------------------------------------------------------------------------------------
// User calls (§3.10.1 OPEN, §3.10.2 SEND, §3.10.4 CLOSE, §3.10.5 ABORT).

function onCall(s: Step, call: Exclude<Call, 'crash'>, bytes: number | undefined): void {
  const t = s.t;
  const state = t.state;
  switch (call) {
    case 'listen':
      if (state === 'CLOSED') {
        openFresh(s, 'passive');
        enter(s, 'LISTEN', 'closed-listen');
      } else {
        error(s, 'alreadyExists');
        take(s, state === 'LISTEN' ? 'listen-listen' : `${slug(state)}-open`);
      }
      return;

    case 'connect':
      if (state === 'CLOSED' || state === 'LISTEN') {
        // From LISTEN: "change the connection from passive to active, select an ISS".
        openFresh(s, 'active');
        sendSyn(s);
        enter(s, 'SYN-SENT', state === 'CLOSED' ? 'closed-connect' : 'listen-connect');
      } else {
        error(s, 'alreadyExists');
        take(s, `${slug(state)}-open`);
      }
      return;

    case 'send': {
      const n = Math.max(0, Math.floor(bytes ?? 0));
      switch (state) {
        case 'CLOSED':
          error(s, 'notExist');
          take(s, 'closed-send');
          return;
        case 'LISTEN':
          // SEND with a remote socket turns the passive connection active; the data waits for ESTABLISHED.
          openFresh(s, 'active');
          sendSyn(s);
          t.sendQueue = n;
          enter(s, 'SYN-SENT', 'listen-send');
          return;
        case 'SYN-SENT':
        case 'SYN-RECEIVED':
        case 'ESTABLISHED':
        case 'CLOSE-WAIT':
          // Queued; `finish` segmentizes it once the state and the peer's window allow.
          t.sendQueue += n;
          take(s, `${slug(state)}-send`);
          return;
        default:
          error(s, 'closing');
          take(s, `${slug(state)}-send`);
          return;
      }
    }

    case 'close':
      switch (state) {
        case 'CLOSED':
          error(s, 'notExist');
          take(s, 'closed-close');
          return;
        case 'LISTEN':
          enter(s, 'CLOSED', 'listen-close');
          return;
        case 'SYN-SENT':
          enter(s, 'CLOSED', 'syn-sent-close');
          return;
        case 'SYN-RECEIVED':
        case 'ESTABLISHED':
          // The FIN goes out in `finish`, after any queued data (finSeq stays null until then).
          enter(s, 'FIN-WAIT-1', `${slug(state)}-close`);
          return;
        case 'CLOSE-WAIT':
          enter(s, 'LAST-ACK', 'close-wait-close');
          return;
        default:
          error(s, 'closing');
          take(s, `${slug(state)}-close`);
          return;
      }

    case 'abort':
      switch (state) {
        case 'CLOSED':
          error(s, 'notExist');
          take(s, 'closed-abort');
          return;
        case 'SYN-RECEIVED':
        case 'ESTABLISHED':
        case 'FIN-WAIT-1':
        case 'FIN-WAIT-2':
        case 'CLOSE-WAIT':
          send(s, ['RST'], t.sndNxt, null, 0);
          enter(s, 'CLOSED', `${slug(state)}-abort`);
          return;
        default:
          // LISTEN and SYN-SENT have no synchronized peer; CLOSING, LAST-ACK and TIME-WAIT have sent their FIN.
          enter(s, 'CLOSED', `${slug(state)}-abort`);
          return;
      }
  }
}

// ---------------------------------------------------------------------------------------------
// Timeouts (§3.10.8).

function onTimer(s: Step, name: TimerName): void {
  const t = s.t;
  const deadline = t.timers[name];
  if (deadline === null) {
    s.note = { code: 'timerNotArmed', params: { timer: name } };
    return;
  }
  if (s.now < deadline) {
    s.note = { code: 'timerNotDue', params: { timer: name, deadline } };
    return;
  }
  // The timer has fired: it is no longer armed (no "stop" output, nothing was cancelled).
  t.timers[name] = null;
  const state = t.state;

  switch (name) {
    case 'timeWait':
      enter(s, 'CLOSED', 'time-wait-timeout');
      return;

    case 'delayedAck':
      sendAckNow(s);
      take(s, `${slug(state)}-timeout-delayed-ack`);
      return;

    case 'retransmission': {
      const head = t.retransmissionQueue[0];
      if (head === undefined) {
        s.note = { code: 'nothingToRetransmit' };
        return;
      }
      // §3.8.3: give up after R2. Linux counts retransmissions: tcp_syn_retries for a SYN
      // (and tcp_synack_retries for a SYN,ACK), tcp_retries2 for the rest.
      const handshake = state === 'SYN-SENT' || state === 'SYN-RECEIVED';
      const limit = handshake ? t.config.synRetries : t.config.retries;
      if (t.retries >= limit) {
        error(s, 'timedOut');
        enter(s, 'CLOSED', `${slug(state)}-timeout-give-up`);
        return;
      }
      t.retries += 1;
      t.rto = Math.min(t.rto * 2, RTO_MAX); // RFC 6298 §5.5: back off the timer.
      // "Send the segment at the front of the retransmission queue again" with current ACK information.
      const flags: Flag[] = [];
      if (head.syn) flags.push('SYN');
      if (head.fin) flags.push('FIN');
      const ack = t.irs === null ? null : t.rcvNxt;
      if (ack !== null) flags.push('ACK');
      send(s, flags, head.seq, ack, head.len);
      startTimer(s, 'retransmission', t.rto);
      take(s, `${slug(state)}-timeout-retransmit`);
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// SEGMENT ARRIVES (§3.10.7).

function onSegment(s: Step, seg: Segment): void {
  switch (s.t.state) {
    case 'CLOSED':
      return segmentInClosed(s, seg);
    case 'LISTEN':
      return segmentInListen(s, seg);
    case 'SYN-SENT':
      return segmentInSynSent(s, seg);
    default:
      return segmentInOtherStates(s, seg);
  }
}

/** §3.10.7.1: no TCB. Answer anything but a RST with a RST its sender will accept. */
function segmentInClosed(s: Step, seg: Segment): void {
  if (seg.flags.includes('RST')) {
    s.note = { code: 'rstToClosedPort' };
    take(s, 'closed-rcv-rst');
    return;
  }
  if (seg.ack !== null && seg.flags.includes('ACK')) send(s, ['RST'], seg.ack, null, 0);
  else send(s, ['RST', 'ACK'], 0, seg.seq + segmentLength(seg), 0);
  take(s, 'closed-rcv-segment');
}

/** §3.10.7.2: first RST, then ACK, then SYN. */
function segmentInListen(s: Step, seg: Segment): void {
  const t = s.t;
  const flags = seg.flags;
  if (flags.includes('RST')) {
    take(s, 'listen-rcv-rst');
    return;
  }
  if (flags.includes('ACK')) {
    send(s, ['RST'], seg.ack ?? 0, null, 0);
    take(s, 'listen-rcv-ack');
    return;
  }
  if (!flags.includes('SYN')) {
    s.note = { code: 'noSynAckRst' };
    take(s, 'listen-rcv-other');
    return;
  }
  t.irs = seg.seq;
  t.rcvNxt = seg.seq + 1;
  updateWindow(t, seg, seg.seq, t.config.iss);
  t.iss = t.config.iss;
  t.sndUna = t.iss;
  t.sndNxt = t.iss + 1;
  t.origin = 'passive';
  // Data or FIN riding on the SYN is not queued here: it is dropped and the peer retransmits it.
  transmit(s, { seq: t.iss, len: 0, syn: true, fin: false });
  enter(s, 'SYN-RECEIVED', 'listen-rcv-syn');
}

/** §3.10.7.3: first the ACK, then RST, then SYN. */
function segmentInSynSent(s: Step, seg: Segment): void {
  const t = s.t;
  const flags = seg.flags;
  const rst = flags.includes('RST');
  const hasAck = flags.includes('ACK') && seg.ack !== null;
  if (hasAck) {
    const ack = seg.ack as number;
    if (ack <= t.iss || ack > t.sndNxt) {
      if (rst) {
        s.note = { code: 'rstNotAckingSyn' };
        take(s, 'syn-sent-rcv-rst-unacceptable');
      } else {
        send(s, ['RST'], ack, null, 0);
        take(s, 'syn-sent-rcv-bad-ack');
      }
      return;
    }
  }
  if (rst) {
    // RFC 5961's exact-sequence check is not applied here: RCV.NXT is not known before the peer's SYN,
    // so the ACK of our SYN is what makes a RST believable in SYN-SENT.
    if (hasAck) {
      error(s, 'reset');
      enter(s, 'CLOSED', 'syn-sent-rcv-rst');
    } else {
      s.note = { code: 'rstWithoutAck' };
      take(s, 'syn-sent-rcv-rst-unacceptable');
    }
    return;
  }
  if (!flags.includes('SYN')) {
    s.note = { code: 'noSynRst' };
    take(s, 'syn-sent-rcv-other');
    return;
  }
  t.irs = seg.seq;
  t.rcvNxt = seg.seq + 1;
  if (hasAck) acceptAck(s, seg.ack as number);
  updateWindow(t, seg, seg.seq, seg.ack ?? t.iss);
  if (t.sndUna > t.iss) {
    // Our SYN is ACKed. The ACK of a SYN is never delayed.
    enter(s, 'ESTABLISHED', 'syn-sent-rcv-syn-ack');
    s.ack = 'now';
    // "If there are other controls or text in the segment, then continue processing at the sixth step."
    const rest: Segment = { ...seg, seq: seg.seq + 1, flags: flags.filter((f) => f !== 'SYN') };
    processText(s, rest);
    processFin(s, rest);
  } else {
    // Simultaneous open (Figure 7, MUST-10): answer with SYN,ACK and wait for the ACK of our SYN.
    // The SYN on the retransmission queue is re-sent as SYN,ACK from now on, with a fresh backoff.
    t.retries = 0;
    t.rto = t.config.rto;
    stopTimer(s, 'retransmission');
    send(s, ['SYN', 'ACK'], t.iss, t.rcvNxt, 0);
    startTimer(s, 'retransmission', t.rto);
    enter(s, 'SYN-RECEIVED', 'syn-sent-rcv-syn');
  }
}

/** Table 6 of §3.10.7.4: is any part of the segment inside the receive window? */
function acceptable(t: Tcb, seg: Segment): boolean {
  const segLen = segmentLength(seg);
  const lo = t.rcvNxt;
  const hi = t.rcvNxt + t.rcvWnd;
  if (segLen === 0) return t.rcvWnd === 0 ? seg.seq === lo : lo <= seg.seq && seg.seq < hi;
  if (t.rcvWnd === 0) return false;
  const last = seg.seq + segLen - 1;
  return (lo <= seg.seq && seg.seq < hi) || (lo <= last && last < hi);
}

/** SYN-RECEIVED and the synchronized states (§3.10.7.4, with RFC 5961's checks as it describes them). */
function segmentInOtherStates(s: Step, seg: Segment): void {
  const t = s.t;
  const state = t.state;
  const rst = seg.flags.includes('RST');
  let syn = seg.flags.includes('SYN');
  const fin = seg.flags.includes('FIN');
  const hasAck = seg.flags.includes('ACK') && seg.ack !== null;

  // TIME-WAIT's reason to exist: "the only thing that can arrive in this state is a retransmission of
  // the remote FIN. Acknowledge it, and restart the 2 MSL timeout." It sits just below RCV.NXT and
  // would fail Table 6, so it is recognised first (as Linux's tcp_timewait_state_process does).
  if (state === 'TIME-WAIT' && fin && !rst && !syn && seg.seq + segmentLength(seg) === t.rcvNxt) {
    sendAckNow(s);
    stopTimer(s, 'timeWait');
    startTimer(s, 'timeWait', 2 * t.config.msl);
    take(s, 'time-wait-rcv-fin');
    return;
  }

  // Simultaneous open (Figure 7 line 6): the peer's SYN,ACK repeats its SYN at IRS, just below RCV.NXT.
  // "Trimming off any portions that lie outside the window (including SYN and FIN)" leaves an ACK at
  // RCV.NXT. Linux makes the same exception (tcp_validate_incoming) instead of a challenge ACK.
  if (state === 'SYN-RECEIVED' && syn && hasAck && !rst && !fin && seg.len === 0 && seg.seq + 1 === t.rcvNxt && seg.ack === t.sndNxt) {
    seg = { ...seg, seq: seg.seq + 1, flags: seg.flags.filter((f) => f !== 'SYN') };
    syn = false;
  }

  // First, check the sequence number.
  if (!acceptable(t, seg)) {
    if (rst) {
      s.note = { code: 'rstOutOfWindow' };
      take(s, `${slug(state)}-rcv-rst-out-of-window`);
    } else {
      s.note = { code: 'notAcceptable' };
      sendAckNow(s);
      take(s, `${slug(state)}-rcv-unacceptable`);
    }
    return;
  }

  // Second, check the RST bit. RFC 5961 §3.2: only an exact SEG.SEQ = RCV.NXT resets the connection.
  if (rst) {
    if (seg.seq !== t.rcvNxt) {
      s.note = { code: 'rstInWindow' };
      sendAckNow(s);
      take(s, `${slug(state)}-rcv-rst-inexact`);
      return;
    }
    resetByPeer(s);
    return;
  }

  // Fourth, check the SYN bit (the third, security, does not apply to this model).
  if (syn) {
    if (state === 'SYN-RECEIVED' && t.origin === 'passive') {
      backToListen(s, 'syn-received-rcv-syn-passive');
      return;
    }
    s.note = { code: 'synSynchronized' };
    sendAckNow(s);
    take(s, state === 'SYN-RECEIVED' ? 'syn-received-rcv-syn-active' : `${slug(state)}-rcv-syn`);
    return;
  }

  // Fifth, check the ACK field.
  if (!hasAck) {
    s.note = { code: 'ackOff' };
    take(s, state === 'SYN-RECEIVED' ? 'syn-received-rcv-no-ack' : `${slug(state)}-rcv-segment`);
    return;
  }
  const ack = seg.ack as number;
  if (state === 'SYN-RECEIVED') {
    if (!(t.sndUna < ack && ack <= t.sndNxt)) {
      send(s, ['RST'], ack, null, 0);
      take(s, 'syn-received-rcv-bad-ack');
      return;
    }
    enter(s, 'ESTABLISHED', 'syn-received-rcv-ack');
  }
  // RFC 5961 §5: an ACK outside [SND.UNA - MAX.SND.WND, SND.NXT] is discarded and answered by an ACK.
  if (ack > t.sndNxt || ack < t.sndUna - t.maxSndWnd) {
    s.note = { code: 'ackUnsent' };
    sendAckNow(s);
    take(s, `${slug(state)}-rcv-unacceptable`);
    return;
  }
  if (ack > t.sndUna) acceptAck(s, ack);
  if (t.sndUna <= ack) updateWindow(t, seg, seg.seq, ack);

  const ourFinAcked = t.finSeq !== null && t.sndUna > t.finSeq;
  switch (t.state) {
    case 'FIN-WAIT-1':
      // "If the FIN segment is now acknowledged, then enter FIN-WAIT-2 and continue processing in that state."
      if (ourFinAcked) enter(s, 'FIN-WAIT-2', 'fin-wait-1-rcv-ack-of-fin');
      break;
    case 'CLOSING':
      // "If the ACK acknowledges our FIN, then enter the TIME-WAIT state; otherwise, ignore the segment."
      if (ourFinAcked) enter(s, 'TIME-WAIT', 'closing-rcv-ack-of-fin');
      else take(s, 'closing-rcv-segment');
      return;
    case 'LAST-ACK':
      // "If our FIN is now acknowledged, delete the TCB, enter the CLOSED state, and return."
      if (ourFinAcked) enter(s, 'CLOSED', 'last-ack-rcv-ack-of-fin');
      else take(s, 'last-ack-rcv-segment');
      return;
    case 'TIME-WAIT':
      // An in-window FIN here can only be bogus (the peer's FIN is behind RCV.NXT), but step eight
      // still says: acknowledge, remain, restart the 2 MSL timeout.
      if (fin) {
        sendAckNow(s);
        stopTimer(s, 'timeWait');
        startTimer(s, 'timeWait', 2 * t.config.msl);
        take(s, 'time-wait-rcv-fin');
      } else {
        take(s, 'time-wait-rcv-segment');
      }
      return;
    default:
      break;
  }

  // Seventh, process the segment text; eighth, check the FIN bit.
  processText(s, seg);
  processFin(s, seg);
  take(s, `${slug(t.state)}-rcv-segment`);
}

/** An acceptable exact RST (§3.10.7.4 second check, per state). */
function resetByPeer(s: Step): void {
  const t = s.t;
  switch (t.state) {
    case 'SYN-RECEIVED':
      if (t.origin === 'passive') {
        // Note 1 of Figure 5: back to LISTEN, "the user need not be informed".
        backToListen(s, 'syn-received-rcv-rst-passive');
      } else {
        error(s, 'refused');
        enter(s, 'CLOSED', 'syn-received-rcv-rst-active');
      }
      return;
    case 'ESTABLISHED':
    case 'FIN-WAIT-1':
    case 'FIN-WAIT-2':
    case 'CLOSE-WAIT':
      error(s, 'reset');
      enter(s, 'CLOSED', `${slug(t.state)}-rcv-rst`);
      return;
    default:
      // CLOSING, LAST-ACK, TIME-WAIT: "enter the CLOSED state, delete the TCB, and return".
      enter(s, 'CLOSED', `${slug(t.state)}-rcv-rst`);
      return;
  }
}

/** SYN-RECEIVED of a passive OPEN returns to LISTEN; "the retransmission queue should be flushed". */
function backToListen(s: Step, id: string): void {
  stopTimer(s, 'retransmission');
  openFresh(s, 'passive');
  enter(s, 'LISTEN', id);
}

/** SND.UNA < SEG.ACK =< SND.NXT: advance SND.UNA and drop what is now acknowledged (§3.10.7.4). */
function acceptAck(s: Step, ack: number): void {
  const t = s.t;
  t.sndUna = ack;
  const remaining: Unacked[] = [];
  for (const entry of t.retransmissionQueue) {
    const end = entry.seq + entry.len + (entry.syn ? 1 : 0) + (entry.fin ? 1 : 0);
    if (end <= ack) continue;
    if (entry.seq < ack) {
      // Partly acknowledged: keep only the unacknowledged tail.
      remaining.push({ seq: ack, len: end - ack - (entry.fin ? 1 : 0), syn: false, fin: entry.fin });
    } else {
      remaining.push(entry);
    }
  }
  t.retransmissionQueue = remaining;
  // RFC 6298 §5.2–5.3: new data ACKed, so the backoff ends; restart the timer or stop it when all is ACKed.
  t.retries = 0;
  t.rto = t.config.rto;
  stopTimer(s, 'retransmission');
  if (remaining.length > 0) startTimer(s, 'retransmission', t.rto);
}

/** Take SND.WND from the segment unless it is older than the last update (SND.WL1/WL2 rule). */
function updateWindow(t: Tcb, seg: Segment, seq: number, ack: number): void {
  if (t.sndWl1 < seq || (t.sndWl1 === seq && t.sndWl2 <= ack) || t.maxSndWnd === 0) {
    // Our segments always carry SEG.WND; a forged one without it is taken to offer our own configured window.
    t.sndWnd = seg.window ?? t.config.window;
    t.sndWl1 = seq;
    t.sndWl2 = ack;
    if (t.sndWnd > t.maxSndWnd) t.maxSndWnd = t.sndWnd;
  }
}

/** Seventh step: deliver in-order data. Out-of-order data is dropped and ACKed at once (no reassembly). */
function processText(s: Step, seg: Segment): void {
  const t = s.t;
  if (seg.len === 0) return;
  const state = t.state;
  if (state !== 'ESTABLISHED' && state !== 'FIN-WAIT-1' && state !== 'FIN-WAIT-2') {
    // CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT: "This should not occur since a FIN has been received."
    s.note = { code: 'dataAfterFin' };
    return;
  }
  if (seg.seq > t.rcvNxt) {
    s.note = { code: 'outOfOrder' };
    s.ack = 'now';
    return;
  }
  // "If a segment's contents straddle the boundary between old and new, only the new parts are processed",
  // and nothing beyond the right window edge.
  const end = Math.min(seg.seq + seg.len, t.rcvNxt + t.rcvWnd);
  const fresh = end - t.rcvNxt;
  if (fresh <= 0) return;
  t.rcvNxt = end;
  t.bytesReceived += fresh;
  s.outputs.push({ type: 'deliver', bytes: fresh });
  // The receive buffer is drained at once by the application, so RCV.WND stays as configured.
  if (s.ack !== 'now') s.ack = 'delayed';
}

/** Eighth step: a FIN in order (right after all its data) closes the peer's direction. */
function processFin(s: Step, seg: Segment): void {
  const t = s.t;
  if (!seg.flags.includes('FIN')) return;
  const finAt = seg.seq + seg.len;
  const state = t.state;
  if (state === 'CLOSE-WAIT' || state === 'CLOSING' || state === 'LAST-ACK') {
    // The peer's FIN was consumed already: "Remain in the ... state"; acknowledge again.
    s.ack = 'now';
    return;
  }
  if (finAt !== t.rcvNxt) {
    // The FIN is beyond data we have not received; it will come again.
    s.ack = 'now';
    return;
  }
  t.rcvNxt += 1;
  s.outputs.push({ type: 'signal', code: 'closing', message: REPORT_TEXT.closing });
  const from = s.before.state;
  switch (state) {
    case 'ESTABLISHED':
      // The ACK may wait for the application's own FIN: the three-segment close.
      if (s.ack !== 'now') s.ack = 'delayed';
      enter(s, 'CLOSE-WAIT', from === 'SYN-RECEIVED' ? 'syn-received-rcv-fin' : from === 'SYN-SENT' ? 'syn-sent-rcv-syn-ack-fin' : 'established-rcv-fin');
      return;
    case 'FIN-WAIT-1':
      // Our FIN is not acknowledged (else we would be in FIN-WAIT-2): simultaneous close.
      s.ack = 'now';
      enter(s, 'CLOSING', 'fin-wait-1-rcv-fin');
      return;
    case 'FIN-WAIT-2':
      s.ack = 'now';
      enter(s, 'TIME-WAIT', from === 'FIN-WAIT-1' ? 'fin-wait-1-rcv-fin-ack-of-fin' : 'fin-wait-2-rcv-fin');
      return;
    default:
      return;
  }
}

// ---------------------------------------------------------------------------------------------
// After every input: segmentize queued data and a pending FIN, then settle the ACK we owe.

/**
 * States that may still segmentize queued data, and then the FIN that follows it. CLOSING is here
 * because the peer's FIN can arrive while our FIN still waits behind data the peer's window held back.
 */
const DATA_STATES: ReadonlySet<State> = new Set<State>(['ESTABLISHED', 'CLOSE-WAIT', 'FIN-WAIT-1', 'CLOSING', 'LAST-ACK']);

function finish(s: Step): void {
  const t = s.t;
  if (DATA_STATES.has(t.state) && t.finSeq === null) {
    // Data waits until our SYN is acknowledged (§3.10.2: "queue ... after entering ESTABLISHED"),
    // then goes out in segments of at most MSS, within the peer's window.
    if (t.sndUna > t.iss) {
      while (t.sendQueue > 0) {
        const usable = t.sndUna + t.sndWnd - t.sndNxt;
        if (usable <= 0) break;
        const n = Math.min(t.config.mss, t.sendQueue, usable);
        const seq = t.sndNxt;
        t.sndNxt += n;
        t.sendQueue -= n;
        transmit(s, { seq, len: n, syn: false, fin: false });
      }
    }
    // CLOSE asked: the FIN follows the last queued byte (§3.10.4) and consumes one sequence number.
    if (t.state !== 'ESTABLISHED' && t.state !== 'CLOSE-WAIT' && t.sendQueue === 0) {
      const seq = t.sndNxt;
      t.finSeq = seq;
      t.sndNxt += 1;
      transmit(s, { seq, len: 0, syn: false, fin: true });
    }
  }

  if (!s.acked && t.state !== 'CLOSED') {
    if (s.ack === 'now') {
      sendAckNow(s);
    } else if (s.ack === 'delayed') {
      const delay = t.config.delayedAck;
      if (delay === undefined || !MAY_DELAY_ACK.has(t.state)) sendAckNow(s);
      // SHLD-19: at least every second full segment is ACKed, so a second segment ends the wait.
      else if (t.timers.delayedAck !== null) sendAckNow(s);
      else startTimer(s, 'delayedAck', delay);
    }
  }
  // An ACK that rode on anything we sent settles the delayed one; none may linger outside the states that delay.
  if (t.timers.delayedAck !== null && (s.acked || !MAY_DELAY_ACK.has(t.state))) {
    if (!s.acked && t.state !== 'CLOSED') sendAckNow(s);
    stopTimer(s, 'delayedAck');
  }
}
