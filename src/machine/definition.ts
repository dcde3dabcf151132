/**
 * The RFC 9293 connection state machine as data: the 11 states and every transition the
 * reducer in `endpoint.ts` can take, each with the section of RFC 9293 it comes from.
 *
 * Figure 5 of RFC 9293 "illustrates only state changes ... and addresses neither error
 * conditions nor actions that are not connected with state changes" (§3.3.2). This table is
 * the total: it also holds the self-loops (challenge ACKs, RST replies, retransmissions,
 * refused calls) and the edges the figure leaves out (Notes 1–3), marked `notInFigure5`.
 *
 * Ids are stable kebab-case `<from>-<event>[-<variant>]`; other parts of the site link to them.
 * The reducer returns the id of the record it took, and tests check that every id here is taken.
 */
import { eventLabel, reportText, sendsText, timerText } from './notation';
import {
  STATES,
  type CallEvent,
  type Flag,
  type MachineDefinition,
  type Report,
  type ReportCode,
  type SegmentCheck,
  type SendTemplate,
  type State,
  type StateInfo,
  type TimerAction,
  type Transition,
  type Trigger,
} from './types';

/** §3.3.2 definitions, verbatim: the words after "<STATE> - represents"; `ss` names from iproute2 misc/ss.c (sstate_name), `netstat` names from net-tools netstat.c. */
const states: StateInfo[] = [
  {
    name: 'CLOSED',
    ss: 'UNCONN',
    netstat: 'CLOSE',
    synchronized: false,
    meaning:
      'no connection state at all.',
  },
  {
    name: 'LISTEN',
    ss: 'LISTEN',
    netstat: 'LISTEN',
    synchronized: false,
    meaning:
      'waiting for a connection request from any remote TCP peer and port.',
  },
  {
    name: 'SYN-SENT',
    ss: 'SYN-SENT',
    netstat: 'SYN_SENT',
    synchronized: false,
    meaning:
      'waiting for a matching connection request after having sent a connection request.',
  },
  {
    name: 'SYN-RECEIVED',
    ss: 'SYN-RECV',
    netstat: 'SYN_RECV',
    synchronized: false,
    meaning:
      'waiting for a confirming connection request acknowledgment after having both received and sent a connection request.',
  },
  {
    name: 'ESTABLISHED',
    ss: 'ESTAB',
    netstat: 'ESTABLISHED',
    synchronized: true,
    meaning:
      'an open connection, data received can be delivered to the user. The normal state for the data transfer phase of the connection.',
  },
  {
    name: 'FIN-WAIT-1',
    ss: 'FIN-WAIT-1',
    netstat: 'FIN_WAIT1',
    synchronized: true,
    meaning:
      'waiting for a connection termination request from the remote TCP peer, or an acknowledgment of the connection termination request previously sent.',
  },
  {
    name: 'FIN-WAIT-2',
    ss: 'FIN-WAIT-2',
    netstat: 'FIN_WAIT2',
    synchronized: true,
    meaning:
      'waiting for a connection termination request from the remote TCP peer.',
  },
  {
    name: 'CLOSE-WAIT',
    ss: 'CLOSE-WAIT',
    netstat: 'CLOSE_WAIT',
    synchronized: true,
    meaning:
      'waiting for a connection termination request from the local user.',
  },
  {
    name: 'CLOSING',
    ss: 'CLOSING',
    netstat: 'CLOSING',
    synchronized: true,
    meaning:
      'waiting for a connection termination request acknowledgment from the remote TCP peer.',
  },
  {
    name: 'LAST-ACK',
    ss: 'LAST-ACK',
    netstat: 'LAST_ACK',
    synchronized: true,
    meaning:
      'waiting for an acknowledgment of the connection termination request previously sent to the remote TCP peer (this termination request sent to the remote TCP peer already included an acknowledgment of the termination request sent from the remote TCP peer).',
  },
  {
    name: 'TIME-WAIT',
    ss: 'TIME-WAIT',
    netstat: 'TIME_WAIT',
    synchronized: true,
    meaning:
      'waiting for enough time to pass to be sure the remote TCP peer received the acknowledgment of its connection termination request and to avoid new connections being impacted by delayed segments from previous connections.',
  },
];

// ---------------------------------------------------------------------------------------------
// Segment templates (§3.10) and timer actions used by the records below.
const ACK: SendTemplate = { flags: ['ACK'], seq: 'SND.NXT', ack: 'RCV.NXT' };
const CHALLENGE_ACK: SendTemplate = { ...ACK, challenge: true };
const DATA: SendTemplate = { ...ACK, data: true };
const RST_FOR_ACK: SendTemplate = { flags: ['RST'], seq: 'SEG.ACK' };
const RST_ABORT: SendTemplate = { flags: ['RST'], seq: 'SND.NXT' };
const SYN: SendTemplate = { flags: ['SYN'], seq: 'ISS' };
const SYN_ACK: SendTemplate = { flags: ['SYN', 'ACK'], seq: 'ISS', ack: 'RCV.NXT' };
const FIN: SendTemplate = { flags: ['FIN', 'ACK'], seq: 'SND.NXT', ack: 'RCV.NXT', afterQueuedData: true };

const START_RTX: TimerAction = { timer: 'retransmission', action: 'start' };
const STOP_RTX: TimerAction = { timer: 'retransmission', action: 'stop' };
const START_2MSL: TimerAction = { timer: 'timeWait', action: 'start' };
const STOP_ALL: TimerAction[] = [STOP_RTX, { timer: 'delayedAck', action: 'stop' }, { timer: 'timeWait', action: 'stop' }];

const call = (name: CallEvent): Trigger => ({ kind: 'call', call: name });
const rcv = (flags: Flag[], more: { without?: Flag[]; check?: SegmentCheck; data?: boolean } = {}): Trigger => ({ kind: 'segment', flags, ...more });
const error = (code: ReportCode): Report => ({ code, as: 'error' });
const signal = (code: ReportCode): Report => ({ code, as: 'signal' });

/** Transitions RFC 9293 Figure 5 draws; every other record gets `notInFigure5: true`. */
export const FIGURE_5_IDS: ReadonlySet<string> = new Set([
  'closed-listen',
  'closed-connect',
  'listen-close',
  'listen-rcv-syn',
  'listen-send',
  'syn-sent-close',
  'syn-sent-rcv-syn',
  'syn-sent-rcv-syn-ack',
  'syn-received-rcv-rst-passive',
  'syn-received-rcv-ack',
  'syn-received-close',
  'established-close',
  'established-rcv-fin',
  'fin-wait-1-rcv-ack-of-fin',
  'fin-wait-1-rcv-fin',
  'fin-wait-2-rcv-fin',
  'close-wait-close',
  'closing-rcv-ack-of-fin',
  'last-ack-rcv-ack-of-fin',
  'time-wait-timeout',
]);

/** A record as written below: structure only; the words are derived by `record`. */
interface Draft {
  id: string;
  from: State;
  to: State;
  on: Trigger;
  guard?: string;
  send?: SendTemplate[];
  timers?: TimerAction[];
  report?: Report;
  rfc: string;
  note?: string;
}

/** "SYN-RECEIVED" → "syn-received": the id prefix of a state. */
export function stateSlug(state: State): string {
  return state.toLowerCase();
}

/** The states the records above mark `synchronized` (§3.5: the ones after the handshake). */
const SYNCHRONIZED_AFTER_HANDSHAKE: State[] = states.filter((info) => info.synchronized).map((info) => info.name);
/** States where the RFC 5961 checks of §3.10.7.4 apply: SYN-RECEIVED and the synchronized ones. */
const OTHER_STATES: State[] = ['SYN-RECEIVED', ...SYNCHRONIZED_AFTER_HANDSHAKE];
/** States whose retransmission queue can hold a segment (SYN, SYN,ACK, data or FIN). */
const RETRANSMITTING: State[] = ['SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK'];
/** States that receive data or the peer's FIN and so may hold a delayed ACK. */
const DELAYING_ACK: State[] = ['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT'];
/** States where our FIN has been sent or queued: SEND and CLOSE are refused with "connection closing". */
const CLOSING_SIDE: State[] = ['FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSING', 'LAST-ACK', 'TIME-WAIT'];

const drafts: Draft[] = [];
const add = (...ts: Draft[]) => drafts.push(...ts);

// ---------------------------------------------------------------------------------------------
// CLOSED: "no TCB". User calls §3.10.1–§3.10.5, arriving segments §3.10.7.1.
add(
  { id: 'closed-listen', from: 'CLOSED', to: 'LISTEN', on: call('listen'), rfc: '3.10.1', note: 'Create the TCB and wait; nothing is sent.' },
  { id: 'closed-connect', from: 'CLOSED', to: 'SYN-SENT', on: call('connect'), send: [SYN], timers: [START_RTX], rfc: '3.10.1', note: 'SND.UNA = ISS, SND.NXT = ISS+1: the SYN consumes one sequence number.' },
  { id: 'closed-send', from: 'CLOSED', to: 'CLOSED', on: call('send'), report: error('notExist'), rfc: '3.10.2' },
  { id: 'closed-close', from: 'CLOSED', to: 'CLOSED', on: call('close'), report: error('notExist'), rfc: '3.10.4' },
  { id: 'closed-abort', from: 'CLOSED', to: 'CLOSED', on: call('abort'), report: error('notExist'), rfc: '3.10.5' },
  { id: 'closed-rcv-rst', from: 'CLOSED', to: 'CLOSED', on: rcv(['RST']), rfc: '3.10.7.1', note: 'A RST is never answered, so two closed ports cannot ping-pong resets.' },
  {
    id: 'closed-rcv-segment',
    from: 'CLOSED',
    to: 'CLOSED',
    on: rcv([], { without: ['RST'] }),
    send: [{ ...RST_FOR_ACK, when: 'ack-set' }, { flags: ['RST', 'ACK'], seq: '0', ack: 'SEG.SEQ+SEG.LEN', when: 'ack-clear' }],
    rfc: '3.10.7.1',
    note: 'This is "connection refused" seen from the other side: a SYN to a closed port is answered by RST,ACK.',
  },
);

// ---------------------------------------------------------------------------------------------
// LISTEN: §3.10.7.2 checks RST, then ACK, then SYN.
add(
  { id: 'listen-rcv-rst', from: 'LISTEN', to: 'LISTEN', on: rcv(['RST']), rfc: '3.10.7.2', note: 'A RST "could not have been sent in response to anything sent by this incarnation": ignored.' },
  { id: 'listen-rcv-ack', from: 'LISTEN', to: 'LISTEN', on: rcv(['ACK']), guard: 'ACK bit set (with or without SYN)', send: [RST_FOR_ACK], rfc: '3.10.7.2', note: 'Any acknowledgment is bad in LISTEN; the RST is formed to be acceptable to its sender.' },
  { id: 'listen-rcv-syn', from: 'LISTEN', to: 'SYN-RECEIVED', on: rcv(['SYN']), guard: 'SYN without ACK or RST', send: [SYN_ACK], timers: [START_RTX], rfc: '3.10.7.2', note: 'IRS = SEG.SEQ, RCV.NXT = SEG.SEQ+1; the TCB remembers it came from a passive OPEN (MUST-11).' },
  { id: 'listen-rcv-other', from: 'LISTEN', to: 'LISTEN', on: rcv([], { without: ['SYN', 'ACK', 'RST'] }), guard: 'no SYN, ACK or RST (e.g. a bare FIN)', rfc: '3.10.7.2', note: '"This should not be reached. Drop the segment and return."' },
  { id: 'listen-connect', from: 'LISTEN', to: 'SYN-SENT', on: call('connect'), send: [SYN], timers: [START_RTX], rfc: '3.10.1', note: 'The connection changes from passive to active.' },
  { id: 'listen-send', from: 'LISTEN', to: 'SYN-SENT', on: call('send'), send: [SYN], timers: [START_RTX], rfc: '3.10.2', note: 'SEND with the remote socket specified turns a passive connection active; the data waits for ESTABLISHED.' },
  { id: 'listen-listen', from: 'LISTEN', to: 'LISTEN', on: call('listen'), report: error('alreadyExists'), rfc: '3.10.1', note: 'The RFC\'s LISTEN case covers only an active OPEN; refusing a second passive OPEN with the message of the later states is this model\'s choice.' },
  { id: 'listen-close', from: 'LISTEN', to: 'CLOSED', on: call('close'), rfc: '3.10.4', note: 'Delete the TCB; nothing is sent.' },
  { id: 'listen-abort', from: 'LISTEN', to: 'CLOSED', on: call('abort'), rfc: '3.10.5', note: 'Delete the TCB; no RST, there is no peer.' },
);

// ---------------------------------------------------------------------------------------------
// SYN-SENT: §3.10.7.3 checks ACK, then RST, then SYN.
add(
  { id: 'syn-sent-rcv-bad-ack', from: 'SYN-SENT', to: 'SYN-SENT', on: rcv(['ACK'], { check: 'bad-ack' }), guard: 'SEG.ACK =< ISS or SEG.ACK > SND.NXT, no RST', send: [RST_FOR_ACK], rfc: '3.10.7.3', note: 'How an old duplicate SYN,ACK is cleared (Figure 8).' },
  { id: 'syn-sent-rcv-rst', from: 'SYN-SENT', to: 'CLOSED', on: rcv(['RST']), guard: 'the RST acknowledges our SYN (SND.UNA < SEG.ACK =< SND.NXT)', timers: STOP_ALL, report: error('reset'), rfc: '3.10.7.3', note: 'What a program sees as "connection refused" (Linux reports ECONNREFUSED).' },
  { id: 'syn-sent-rcv-rst-unacceptable', from: 'SYN-SENT', to: 'SYN-SENT', on: rcv(['RST']), guard: 'no ACK, or an ACK that does not acknowledge our SYN', rfc: '3.10.7.3', note: 'Dropped: only a RST that ACKs our SYN can be trusted here.' },
  { id: 'syn-sent-rcv-syn-ack', from: 'SYN-SENT', to: 'ESTABLISHED', on: rcv(['SYN', 'ACK']), guard: 'SYN with an acceptable ACK', send: [{ ...ACK, delay: 'never', mayCarryData: true }], timers: [STOP_RTX], rfc: '3.10.7.3' },
  { id: 'syn-sent-rcv-syn-ack-fin', from: 'SYN-SENT', to: 'CLOSE-WAIT', on: rcv(['SYN', 'FIN', 'ACK']), guard: 'SYN, acceptable ACK and FIN in one segment', send: [ACK], timers: [STOP_RTX], report: signal('closing'), rfc: '3.10.7.3', note: 'ESTABLISHED, then "continue processing at the sixth step": the FIN moves on to CLOSE-WAIT in the same segment.' },
  { id: 'syn-sent-rcv-syn', from: 'SYN-SENT', to: 'SYN-RECEIVED', on: rcv(['SYN']), guard: 'SYN without ACK (simultaneous open)', send: [SYN_ACK], timers: [{ timer: 'retransmission', action: 'restart' }], rfc: '3.10.7.3', note: 'Simultaneous open (Figure 7), which implementations MUST support (MUST-10); the TCB remembers the active origin.' },
  { id: 'syn-sent-rcv-other', from: 'SYN-SENT', to: 'SYN-SENT', on: rcv([], { without: ['SYN', 'RST'] }), rfc: '3.10.7.3', note: '"Fifth, if neither of the SYN or RST bits is set, then drop the segment"; a FIN cannot be validated here.' },
  { id: 'syn-sent-send', from: 'SYN-SENT', to: 'SYN-SENT', on: call('send'), rfc: '3.10.2', note: 'Queued for transmission after entering ESTABLISHED.' },
  { id: 'syn-sent-close', from: 'SYN-SENT', to: 'CLOSED', on: call('close'), timers: STOP_ALL, rfc: '3.10.4', note: 'Delete the TCB; no FIN and no RST is sent.' },
  { id: 'syn-sent-abort', from: 'SYN-SENT', to: 'CLOSED', on: call('abort'), timers: STOP_ALL, rfc: '3.10.5', note: 'Delete the TCB; no RST is sent.' },
);

// ---------------------------------------------------------------------------------------------
// SYN-RECEIVED: the §3.10.7.4 order, with the passive/active distinction of MUST-11.
add(
  // §3.10.7.4 fifth check: "enter ESTABLISHED state and continue processing"; the seventh step then ACKs any data
  // the segment carries, so the ACK of SYN is answered only when it brings data.
  { id: 'syn-received-rcv-ack', from: 'SYN-RECEIVED', to: 'ESTABLISHED', on: rcv(['ACK'], { check: 'ack-of-syn' }), guard: 'SND.UNA < SEG.ACK =< SND.NXT', send: [{ ...ACK, when: 'data-arrived', delay: 'if-configured', mayCarryData: true }], timers: [STOP_RTX], rfc: '3.10.7.4', note: 'Nothing is sent: the third segment of the handshake needs no reply (unless it carries data).' },
  { id: 'syn-received-rcv-fin', from: 'SYN-RECEIVED', to: 'CLOSE-WAIT', on: rcv(['FIN']), guard: 'the FIN comes with the ACK of our SYN', send: [{ ...ACK, delay: 'may-ride-on-fin' }], timers: [STOP_RTX], report: signal('closing'), rfc: '3.10.7.4', note: 'Step eight lists SYN-RECEIVED with ESTABLISHED: a peer may close before we see ESTABLISHED.' },
  { id: 'syn-received-rcv-bad-ack', from: 'SYN-RECEIVED', to: 'SYN-RECEIVED', on: rcv(['ACK'], { check: 'bad-ack' }), guard: 'SEG.ACK =< SND.UNA or SEG.ACK > SND.NXT', send: [RST_FOR_ACK], rfc: '3.10.7.4' },
  { id: 'syn-received-rcv-no-ack', from: 'SYN-RECEIVED', to: 'SYN-RECEIVED', on: rcv([], { without: ['ACK'] }), rfc: '3.10.7.4', note: '"If the ACK bit is off, drop the segment and return."' },
  { id: 'syn-received-rcv-rst-passive', from: 'SYN-RECEIVED', to: 'LISTEN', on: rcv(['RST']), guard: 'SEG.SEQ = RCV.NXT, entered from LISTEN (passive OPEN)', timers: [STOP_RTX], rfc: '3.10.7.4', note: 'Note 1 of Figure 5: the listener survives an old duplicate SYN (Figure 8); the user is not told.' },
  { id: 'syn-received-rcv-rst-active', from: 'SYN-RECEIVED', to: 'CLOSED', on: rcv(['RST']), guard: 'SEG.SEQ = RCV.NXT, entered from SYN-SENT (active OPEN)', timers: STOP_ALL, report: error('refused'), rfc: '3.10.7.4' },
  { id: 'syn-received-rcv-syn-passive', from: 'SYN-RECEIVED', to: 'LISTEN', on: rcv(['SYN']), guard: 'acceptable SYN, entered from LISTEN (passive OPEN)', timers: [STOP_RTX], rfc: '3.10.7.4', note: '"Fourth, check the SYN bit": a passive connection returns to LISTEN.' },
  { id: 'syn-received-send', from: 'SYN-RECEIVED', to: 'SYN-RECEIVED', on: call('send'), rfc: '3.10.2', note: 'Queued for transmission after entering ESTABLISHED.' },
  {
    id: 'syn-received-close',
    from: 'SYN-RECEIVED',
    to: 'FIN-WAIT-1',
    on: call('close'),
    send: [{ flags: ['FIN', 'ACK'], seq: 'SND.NXT', ack: 'RCV.NXT' }],
    timers: [START_RTX],
    rfc: '3.10.4',
    note: 'Closing before the handshake completes. With data queued the RFC defers the CLOSE to ESTABLISHED; we enter FIN-WAIT-1 at once and send the FIN after the data, as ESTABLISHED does.',
  },
);

// ---------------------------------------------------------------------------------------------
// ESTABLISHED … TIME-WAIT: the specific edges of the closing sequence (§3.10.7.4 steps 5 and 8).
add(
  { id: 'established-rcv-fin', from: 'ESTABLISHED', to: 'CLOSE-WAIT', on: rcv(['FIN']), guard: 'the FIN is in order (SEG.SEQ+data = RCV.NXT)', send: [{ ...ACK, delay: 'may-ride-on-fin' }], report: signal('closing'), rfc: '3.10.7.4', note: 'The passive closer goes to CLOSE-WAIT, never FIN-WAIT-2; it stays there until its application calls close().' },
  { id: 'fin-wait-1-rcv-ack-of-fin', from: 'FIN-WAIT-1', to: 'FIN-WAIT-2', on: rcv(['ACK'], { check: 'ack-of-fin' }), send: [{ ...ACK, when: 'data-arrived' }], timers: [STOP_RTX], rfc: '3.10.7.4' },
  { id: 'fin-wait-1-rcv-fin', from: 'FIN-WAIT-1', to: 'CLOSING', on: rcv(['FIN']), guard: 'our FIN is not yet acknowledged', send: [ACK], report: signal('closing'), rfc: '3.10.7.4', note: 'Simultaneous close (Figure 13): both ends end up in TIME-WAIT.' },
  { id: 'fin-wait-1-rcv-fin-ack-of-fin', from: 'FIN-WAIT-1', to: 'TIME-WAIT', on: rcv(['FIN', 'ACK'], { check: 'ack-of-fin' }), guard: 'the segment carries the FIN and acknowledges our FIN', send: [ACK], timers: [STOP_RTX, START_2MSL], report: signal('closing'), rfc: '3.10.7.4', note: 'Note 2 of Figure 5: the three-segment close takes this edge, skipping FIN-WAIT-2.' },
  { id: 'fin-wait-2-rcv-fin', from: 'FIN-WAIT-2', to: 'TIME-WAIT', on: rcv(['FIN']), send: [ACK], timers: [{ timer: 'delayedAck', action: 'stop' }, START_2MSL], report: signal('closing'), rfc: '3.10.7.4', note: 'The final ACK is sent now, not after 2MSL; TIME-WAIT then waits in case it was lost.' },
  { id: 'closing-rcv-ack-of-fin', from: 'CLOSING', to: 'TIME-WAIT', on: rcv(['ACK'], { check: 'ack-of-fin' }), timers: [STOP_RTX, START_2MSL], rfc: '3.10.7.4' },
  { id: 'last-ack-rcv-ack-of-fin', from: 'LAST-ACK', to: 'CLOSED', on: rcv(['ACK'], { check: 'ack-of-fin' }), timers: STOP_ALL, rfc: '3.10.7.4', note: 'The passive closer never enters TIME-WAIT.' },
  { id: 'time-wait-rcv-fin', from: 'TIME-WAIT', to: 'TIME-WAIT', on: rcv(['FIN'], { check: 'retransmitted' }), guard: 'the peer\'s FIN again: our last ACK was lost', send: [ACK], timers: [{ timer: 'timeWait', action: 'restart' }], rfc: '3.10.7.4', note: 'The reason TIME-WAIT exists: the final ACK can be repeated, and the 2MSL wait starts over.' },
  { id: 'time-wait-timeout', from: 'TIME-WAIT', to: 'CLOSED', on: { kind: 'timer', timer: 'timeWait' }, rfc: '3.10.8', note: 'Delete the TCB. MUST-13: TIME-WAIT lasts 2×MSL (Linux: fixed 60 s).' },
);

// User calls in the connected states: §3.10.1 (OPEN), §3.10.2 (SEND), §3.10.4 (CLOSE), §3.10.5 (ABORT).
add(
  { id: 'established-send', from: 'ESTABLISHED', to: 'ESTABLISHED', on: call('send'), send: [DATA], timers: [START_RTX], rfc: '3.10.2' },
  { id: 'close-wait-send', from: 'CLOSE-WAIT', to: 'CLOSE-WAIT', on: call('send'), send: [DATA], timers: [START_RTX], rfc: '3.10.2', note: 'Half-close: the side that received FIN may go on sending (§3.6.1).' },
  { id: 'established-close', from: 'ESTABLISHED', to: 'FIN-WAIT-1', on: call('close'), send: [FIN], timers: [START_RTX], rfc: '3.10.4', note: 'The FIN consumes one sequence number and goes after all queued data.' },
  { id: 'close-wait-close', from: 'CLOSE-WAIT', to: 'LAST-ACK', on: call('close'), send: [FIN], timers: [START_RTX, { timer: 'delayedAck', action: 'stop' }], rfc: '3.10.4', note: 'A delayed ACK of the peer\'s FIN rides on this FIN: the three-segment close.' },
);
for (const s of CLOSING_SIDE) {
  add(
    { id: `${stateSlug(s)}-send`, from: s, to: s, on: call('send'), report: error('closing'), rfc: '3.10.2' },
    { id: `${stateSlug(s)}-close`, from: s, to: s, on: call('close'), report: error('closing'), rfc: '3.10.4', note: s.startsWith('FIN-WAIT') ? 'Strictly an error; "ok" would be acceptable as long as no second FIN is sent.' : undefined },
  );
}
// ABORT in SYN-RECEIVED and the states where we may still owe the peer data sends a RST (§3.10.5).
for (const s of ['SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT'] as State[]) {
  add({ id: `${stateSlug(s)}-abort`, from: s, to: 'CLOSED', on: call('abort'), send: [RST_ABORT], timers: STOP_ALL, rfc: '3.10.5', note: 'All queued and unacknowledged data is thrown away; the peer learns of it from the RST.' });
}
for (const s of ['CLOSING', 'LAST-ACK', 'TIME-WAIT'] as State[]) {
  add({ id: `${stateSlug(s)}-abort`, from: s, to: 'CLOSED', on: call('abort'), timers: STOP_ALL, rfc: '3.10.5', note: '"Respond with ok and delete the TCB": no RST, both FINs have been sent.' });
}
for (const s of ['SYN-SENT', ...OTHER_STATES] as State[]) {
  add({ id: `${stateSlug(s)}-open`, from: s, to: s, on: call('open'), report: error('alreadyExists'), rfc: '3.10.1' });
}

// Arriving segments common to SYN-RECEIVED and the synchronized states (§3.10.7.4, RFC 5961 as it describes).
for (const s of OTHER_STATES) {
  const slug = stateSlug(s);
  add(
    {
      id: `${slug}-rcv-unacceptable`,
      from: s,
      to: s,
      on: rcv([], { check: 'unacceptable' }),
      guard: 'fails the acceptability test of Table 6 (not RST)' + (s === 'SYN-RECEIVED' ? '' : ', or its ACK is outside [SND.UNA − MAX.SND.WND, SND.NXT]: data never sent, or too old (RFC 5961 §5)'),
      send: [ACK],
      rfc: '3.10.7.4',
      note: s === 'CLOSE-WAIT' || s === 'CLOSING' || s === 'LAST-ACK' ? 'A retransmitted FIN lands here and is ACKed again.' : 'Old duplicates are answered with an ACK that tells the sender what we expect.',
    },
    { id: `${slug}-rcv-rst-out-of-window`, from: s, to: s, on: rcv(['RST'], { check: 'out-of-window' }), guard: 'SEG.SEQ outside the receive window', rfc: '3.10.7.4', note: 'Silently dropped (RFC 5961 §3.2, check 1).' },
    { id: `${slug}-rcv-rst-inexact`, from: s, to: s, on: rcv(['RST'], { check: 'in-window' }), guard: 'SEG.SEQ in the window but not RCV.NXT', send: [CHALLENGE_ACK], rfc: '3.10.7.4', note: 'RFC 5961 §3.2 check 3: a blind attacker must guess RCV.NXT exactly; the real peer answers the challenge ACK with an exact RST.' },
  );
  if (s !== 'SYN-RECEIVED') {
    const timeWait = s === 'TIME-WAIT';
    const reportsReset = s === 'ESTABLISHED' || s === 'FIN-WAIT-1' || s === 'FIN-WAIT-2' || s === 'CLOSE-WAIT';
    add(
      { id: `${slug}-rcv-rst`, from: s, to: 'CLOSED', on: rcv(['RST']), guard: 'SEG.SEQ = RCV.NXT', timers: STOP_ALL, report: reportsReset ? error('reset') : undefined, rfc: '3.10.7.4', note: timeWait ? 'TIME-WAIT assassination (RFC 1337): RFC 9293 still says enter CLOSED; Linux can ignore it (tcp_rfc1337).' : 'Note 3 of Figure 5: a valid RST ends the connection from any state.' },
      { id: `${slug}-rcv-syn`, from: s, to: s, on: rcv(['SYN']), guard: 'SYN bit set, SEG.SEQ in the window (a SYN outside it gets the same ACK from the sequence check: rcv-unacceptable)', send: [CHALLENGE_ACK], rfc: '3.10.7.4', note: timeWait ? 'RFC 5961 challenge ACK; reopening from TIME-WAIT on a new SYN (MAY-2, RFC 6191) is not modelled.' : 'RFC 5961 §4: the legacy RFC 793 reaction (RST and close) let blind attackers kill connections.' },
    );
  } else {
    add({ id: 'syn-received-rcv-syn-active', from: s, to: s, on: rcv(['SYN']), guard: 'acceptable SYN, entered from SYN-SENT (active OPEN)', send: [CHALLENGE_ACK], rfc: '3.10.7.4', note: 'Handled as in the synchronized states.' });
  }
}

// Acceptable segments that change no state: ACK and data processing (§3.10.7.4 steps 5–8).
add(
  { id: 'established-rcv-segment', from: 'ESTABLISHED', to: 'ESTABLISHED', on: rcv(['ACK'], { data: true }), guard: 'acceptable, no FIN; or the ACK bit is off (dropped, fifth check)', send: [{ ...ACK, when: 'data-arrived', delay: 'if-configured' }], timers: [{ timer: 'retransmission', action: 'restart-or-stop', onNewAck: true }], rfc: '3.10.7.4' },
  { id: 'fin-wait-1-rcv-segment', from: 'FIN-WAIT-1', to: 'FIN-WAIT-1', on: rcv(['ACK'], { data: true }), guard: 'acceptable, no FIN, our FIN not yet acknowledged; or the ACK bit is off (dropped, fifth check)', send: [{ ...ACK, when: 'data-arrived' }], rfc: '3.10.7.4', note: 'Half-close: we can still receive after our FIN.' },
  { id: 'fin-wait-2-rcv-segment', from: 'FIN-WAIT-2', to: 'FIN-WAIT-2', on: rcv(['ACK'], { data: true }), guard: 'acceptable, no FIN; or the ACK bit is off (dropped, fifth check)', send: [{ ...ACK, when: 'data-arrived' }], rfc: '3.10.7.4', note: 'RFC 9293 sets no time limit here; Linux\'s tcp_fin_timeout applies only to orphaned sockets.' },
  { id: 'close-wait-rcv-segment', from: 'CLOSE-WAIT', to: 'CLOSE-WAIT', on: rcv(['ACK']), guard: 'acceptable; any text is ignored (the peer has sent FIN); or the ACK bit is off (dropped, fifth check)', rfc: '3.10.7.4' },
  { id: 'closing-rcv-segment', from: 'CLOSING', to: 'CLOSING', on: rcv(['ACK']), guard: 'acceptable, does not acknowledge our FIN; or the ACK bit is off (dropped, fifth check)', rfc: '3.10.7.4', note: '"Otherwise, ignore the segment."' },
  { id: 'last-ack-rcv-segment', from: 'LAST-ACK', to: 'LAST-ACK', on: rcv(['ACK']), guard: 'acceptable, does not acknowledge our FIN; or the ACK bit is off (dropped, fifth check)', rfc: '3.10.7.4' },
  { id: 'time-wait-rcv-segment', from: 'TIME-WAIT', to: 'TIME-WAIT', on: rcv([]), guard: 'acceptable, no FIN; or the ACK bit is off (dropped, fifth check)', rfc: '3.10.7.4', note: '"The only thing that can arrive in this state is a retransmission of the remote FIN"; anything else is ignored.' },
);

// Timers (§3.10.8; RFC 6298 §5; §3.8.3 R2; §3.8.6.3 delayed ACK).
for (const s of RETRANSMITTING) {
  const slug = stateSlug(s);
  const handshake = s === 'SYN-SENT' || s === 'SYN-RECEIVED';
  add(
    { id: `${slug}-timeout-retransmit`, from: s, to: s, on: { kind: 'timer', timer: 'retransmission' }, guard: `fewer than ${handshake ? 'synRetries' : 'retries'} retransmissions so far`, send: [{ retransmit: true }], timers: [{ timer: 'retransmission', action: 'restart', backoff: true }], rfc: '3.10.8' },
    {
      id: `${slug}-timeout-give-up`,
      from: s,
      to: 'CLOSED',
      on: { kind: 'timer', timer: 'retransmission', giveUp: true },
      guard: `${handshake ? 'synRetries' : 'retries'} retransmissions already sent`,
      timers: STOP_ALL,
      report: error('timedOut'),
      rfc: '3.8.3',
      note:
        s === 'SYN-RECEIVED'
          ? 'R2 reached: the connection is closed (Linux drops the request socket after tcp_synack_retries, default 5, and the listener stays open; here synRetries applies and the one TCB goes to CLOSED).'
          : s === 'SYN-SENT'
            ? 'R2 reached: "close the connection", with Linux\'s ETIMEDOUT. With the defaults (RTO 1 s, 6 retries, as Linux) that is 127 s, less than the 3 minutes MUST-23 asks for a SYN.'
            : 'R2 reached: "close the connection". The message is Linux\'s ETIMEDOUT.',
    },
  );
}
for (const s of DELAYING_ACK) {
  add({ id: `${stateSlug(s)}-timeout-delayed-ack`, from: s, to: s, on: { kind: 'timer', timer: 'delayedAck' }, send: [ACK], rfc: '3.8.6.3', note: 'Nothing was sent in the meantime for the ACK to ride on. MUST-40: the delay is under 0.5 s.' });
}

/** Records grouped by `from` in Figure 5 order (the order of STATES), for tables and tests. */
const stateOrder = (s: State) => STATES.indexOf(s);
const ordered = drafts.map((d, i) => ({ d, i })).sort((a, b) => stateOrder(a.d.from) - stateOrder(b.d.from) || a.i - b.i).map(({ d }) => d);

/** A record from its draft: the words (`event`, `sends`, `timers`, `reports`) derived from the structure, in the key order of `tcp-machine.json`. */
function record({ id, from, to, on, guard, send = [], timers = [], report, rfc, note }: Draft): Transition {
  const built: Transition = {
    id,
    from,
    to,
    kind: on.kind,
    event: eventLabel(on),
    guard,
    sends: sendsText(send),
    reports: report ? reportText(report) : undefined,
    rfc,
    note,
    timers: timers.map(timerText),
    notInFigure5: FIGURE_5_IDS.has(id) ? undefined : true,
    trigger: on,
    sendTemplates: send,
    timerActions: timers,
    report,
  };
  // Drop undefined optional fields so the JSON stays clean.
  for (const key of Object.keys(built) as (keyof Transition)[]) if (built[key] === undefined) delete built[key];
  return built;
}

export const machine: MachineDefinition = {
  states,
  transitions: ordered.map(record),
};

const byId = new Map(machine.transitions.map((t) => [t.id, t]));
if (byId.size !== machine.transitions.length) {
  throw new Error('machine definition: duplicate transition id');
}

/** The transition record with this id; throws naming the id if there is none. */
/** True for the synchronized states of §3.5, as the state records mark them. */
export function isSynchronized(state: State): boolean {
  return SYNCHRONIZED_AFTER_HANDSHAKE.includes(state);
}

/** States with a delayed-ACK timeout record: the only states where an ACK may wait (§3.8.6.3). */
export const MAY_DELAY_ACK: ReadonlySet<State> = new Set(DELAYING_ACK);

/** The user call a record answers, or null for a segment or a timer. */
export function callOf(transition: Transition): CallEvent | null {
  return transition.trigger.kind === 'call' ? transition.trigger.call : null;
}

/** True when one of the segments the record sends carries `flag`. */
export function sendsFlag(transition: Transition, flag: Flag): boolean {
  return transition.sendTemplates.some((template) => 'flags' in template && template.flags.includes(flag));
}

/** True when the record is a segment arriving with `flag` set (`rcv RST`, `rcv RST in window`, …). */
export function receivesFlag(transition: Transition, flag: Flag): boolean {
  return transition.trigger.kind === 'segment' && transition.trigger.flags.includes(flag);
}

/** States whose CLOSE record sends a FIN (§3.10.4); elsewhere CLOSE sends nothing or is refused. */
export const CLOSE_SENDS_FIN: ReadonlySet<State> = new Set(
  machine.transitions.filter((t) => callOf(t) === 'close' && sendsFlag(t, 'FIN')).map((t) => t.from),
);

/** States whose ABORT record sends a RST (§3.10.5); the others delete the TCB silently. */
export const ABORT_SENDS_RST: ReadonlySet<State> = new Set(
  machine.transitions.filter((t) => callOf(t) === 'abort' && sendsFlag(t, 'RST')).map((t) => t.from),
);

export function transitionById(id: string): Transition {
  const found = byId.get(id);
  if (!found) throw new Error(`unknown transition id "${id}"`);
  return found;
}

/** True when a transition with this id exists. */
export function hasTransition(id: string): boolean {
  return byId.has(id);
}

/** The StateInfo record of a state. */
export function stateInfo(name: State): StateInfo {
  return states.find((s) => s.name === name)!;
}
