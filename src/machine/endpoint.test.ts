/**
 * Unit tests of the endpoint reducer, one named test per transition record, grouped by state in
 * Figure 5 order (smoltcp's habit). Every test starts from a fixture reached by driving `step`
 * through real inputs; no TCB is built by hand. The last test fails if a transition id of the
 * machine was not asserted by any test here.
 */
import { describe, expect, it } from 'vitest';
import { machine, stateSlug, transitionById } from './definition';
import { createEndpoint, legalCalls, nextTimer, step, type StepResult, type Tcb } from './endpoint';
import { formatFlags, formatSegment } from './format';
import type { EndpointConfig, Flag, Input, Output, Segment, State, TimerName } from './types';
import { noteEnglish } from './notes';

const LOCAL_ISS = 1000;
const REMOTE_ISS = 5000;
const WINDOW = 65535;
const MSL = 30_000;
const RTO = 1000;

function config(overrides: Partial<EndpointConfig> = {}): EndpointConfig {
  return { iss: LOCAL_ISS, msl: MSL, rto: RTO, synRetries: 6, retries: 15, window: WINDOW, mss: 1460, ...overrides };
}

// ---------------------------------------------------------------------------------------------
// Plumbing: inputs, outputs, and the record of which transitions the tests asserted.

const asserted = new Set<string>();

const call = (name: 'listen' | 'connect' | 'send' | 'close' | 'abort', bytes?: number): Input =>
  bytes === undefined ? { kind: 'call', call: name } : { kind: 'call', call: name, bytes };
const rcv = (flags: Flag[], seq: number, ack: number | null = null, len = 0, window?: number): Input => ({
  kind: 'segment',
  segment: window === undefined ? { flags, seq, ack, len } : { flags, seq, ack, len, window },
});
const fire = (timer: TimerName): Input => ({ kind: 'timer', timer });
/** A segment as this endpoint sends it: every segment but a RST advertises RCV.WND. */
const seg = (flags: Flag[], seq: number, ack: number | null = null, len = 0): Segment =>
  flags.includes('RST') ? { flags, seq, ack, len } : { flags, seq, ack, len, window: WINDOW };

/** Step, checking purity and the consistency invariant of the contract on every call. */
function act(tcb: Tcb, input: Input, now = 0): StepResult {
  const before = JSON.stringify(tcb);
  const result = step(tcb, input, now);
  expect(JSON.stringify(tcb), 'step must not mutate its TCB').toBe(before);
  if (result.transition !== null) {
    const t = transitionById(result.transition);
    expect(t.from, `${result.transition}.from`).toBe(tcb.state);
    expect(t.to, `${result.transition}.to`).toBe(result.tcb.state);
  }
  return result;
}

/** Assert the transition taken, and count it for the coverage test at the end. */
function expectTransition(result: StepResult, id: string): void {
  expect(result.transition).toBe(id);
  asserted.add(id);
}

/** Fixtures go through `act` but do not count as tests of the transitions they pass. */
function drive(tcb: Tcb, ...inputs: Input[]): Tcb {
  for (const input of inputs) tcb = act(tcb, input).tcb;
  return tcb;
}

const sent = (r: StepResult): Segment[] => r.outputs.flatMap((o) => (o.type === 'send' ? [o.segment] : []));
const errors = (r: StepResult): string[] => r.outputs.flatMap((o) => (o.type === 'error' ? [o.message] : []));
const timerOutputs = (r: StepResult) => r.outputs.filter((o): o is Extract<Output, { type: 'timer' }> => o.type === 'timer');

/** A test name that cites the record's section: "time-wait-rcv-fin: TIME-WAIT re-ACKs … (§3.10.7.4)". */
function title(id: string, sentence: string): string {
  return `${id}: ${sentence} (§${transitionById(id).rfc})`;
}

/** Fire the armed timer `name` at its deadline. */
function fireAtDeadline(tcb: Tcb, name: TimerName): StepResult {
  const at = tcb.timers[name];
  expect(at, `${name} armed`).not.toBeNull();
  return act(tcb, fire(name), at as number);
}

// ---------------------------------------------------------------------------------------------
// Fixtures, each built from the one before (smoltcp's socket_syn_sent() style).

const closed = (o?: Partial<EndpointConfig>) => createEndpoint(config(o));
const listening = (o?: Partial<EndpointConfig>) => drive(closed(o), call('listen'));
const synSent = (o?: Partial<EndpointConfig>) => drive(closed(o), call('connect'));
const synReceivedPassive = (o?: Partial<EndpointConfig>) => drive(listening(o), rcv(['SYN'], REMOTE_ISS));
const synReceivedActive = (o?: Partial<EndpointConfig>) => drive(synSent(o), rcv(['SYN'], REMOTE_ISS));
/** Active open completed: SND.NXT = 1001, RCV.NXT = 5001. */
const established = (o?: Partial<EndpointConfig>) => drive(synSent(o), rcv(['SYN', 'ACK'], REMOTE_ISS, LOCAL_ISS + 1));
/** Our FIN is seq 1001; SND.NXT = 1002. */
const finWait1 = (o?: Partial<EndpointConfig>) => drive(established(o), call('close'));
const finWait2 = (o?: Partial<EndpointConfig>) => drive(finWait1(o), rcv(['ACK'], REMOTE_ISS + 1, LOCAL_ISS + 2));
/** The peer's FIN was seq 5001; RCV.NXT = 5002. */
const closeWait = (o?: Partial<EndpointConfig>) => drive(established(o), rcv(['FIN', 'ACK'], REMOTE_ISS + 1, LOCAL_ISS + 1));
const closing = (o?: Partial<EndpointConfig>) => drive(finWait1(o), rcv(['FIN', 'ACK'], REMOTE_ISS + 1, LOCAL_ISS + 1));
const lastAck = (o?: Partial<EndpointConfig>) => drive(closeWait(o), call('close'));
const timeWait = (o?: Partial<EndpointConfig>) => drive(finWait2(o), rcv(['FIN', 'ACK'], REMOTE_ISS + 1, LOCAL_ISS + 2));

const FIXTURES: Record<State, () => Tcb> = {
  CLOSED: () => closed(),
  LISTEN: () => listening(),
  'SYN-SENT': () => synSent(),
  'SYN-RECEIVED': () => synReceivedPassive(),
  ESTABLISHED: () => established(),
  'FIN-WAIT-1': () => finWait1(),
  'FIN-WAIT-2': () => finWait2(),
  'CLOSE-WAIT': () => closeWait(),
  CLOSING: () => closing(),
  'LAST-ACK': () => lastAck(),
  'TIME-WAIT': () => timeWait(),
};

/** Retransmission timeouts until the connection gives up; returns the last step and when it happened. */
function retransmitUntilGiveUp(tcb: Tcb): { result: StepResult; at: number; retransmissions: number } {
  let retransmissions = 0;
  for (;;) {
    const at = tcb.timers.retransmission as number;
    const result = fireAtDeadline(tcb, 'retransmission');
    if (result.tcb.state === 'CLOSED') return { result, at, retransmissions };
    retransmissions += 1;
    tcb = result.tcb;
  }
}

// ---------------------------------------------------------------------------------------------
// Tests shared by the synchronized states: RFC 5961 as §3.10.7.4 describes it, and OPEN/ABORT.

function synchronizedStateTests(state: State, make: () => Tcb): void {
  const s = stateSlug(state);

  it(title(`${s}-rcv-unacceptable`, `${state} answers a segment outside the window with <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>`), () => {
    const t = make();
    const r = act(t, rcv(['ACK'], t.rcvNxt + WINDOW + 10, t.sndNxt, 10));
    expectTransition(r, `${s}-rcv-unacceptable`);
    expect(sent(r)).toEqual([seg(['ACK'], t.sndNxt, t.rcvNxt)]);
    expect(r.tcb.rcvNxt).toBe(t.rcvNxt);
  });

  it(title(`${s}-rcv-rst-out-of-window`, `${state} silently drops a RST outside the window`), () => {
    const t = make();
    const r = act(t, rcv(['RST'], t.rcvNxt + WINDOW));
    expectTransition(r, `${s}-rcv-rst-out-of-window`);
    expect(r.outputs).toEqual([]);
    expect(r.tcb.state).toBe(state);
  });

  it(title(`${s}-rcv-rst-inexact`, `${state} answers an in-window RST that is not at RCV.NXT with a challenge ACK`), () => {
    const t = make();
    const r = act(t, rcv(['RST'], t.rcvNxt + 1));
    expectTransition(r, `${s}-rcv-rst-inexact`);
    expect(sent(r)).toEqual([seg(['ACK'], t.sndNxt, t.rcvNxt)]);
    expect(r.tcb.state).toBe(state);
  });

  it(title(`${s}-rcv-rst`, `${state} enters CLOSED on a RST at exactly RCV.NXT`), () => {
    const t = make();
    const r = act(t, rcv(['RST'], t.rcvNxt));
    expectTransition(r, `${s}-rcv-rst`);
    expect(r.tcb.state).toBe('CLOSED');
    expect(sent(r)).toEqual([]);
    const reportsReset = ['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT'].includes(state);
    expect(errors(r)).toEqual(reportsReset ? ['connection reset'] : []);
    expect(r.tcb.timers).toEqual({ retransmission: null, timeWait: null, delayedAck: null });
  });

  it(title(`${s}-rcv-syn`, `${state} answers a SYN with a challenge ACK and stays, as RFC 5961 §4 asks`), () => {
    const t = make();
    const r = act(t, rcv(['SYN'], t.rcvNxt + 100));
    expectTransition(r, `${s}-rcv-syn`);
    expect(sent(r)).toEqual([seg(['ACK'], t.sndNxt, t.rcvNxt)]);
    expect(r.tcb.state).toBe(state);
  });

  it(title(`${s}-open`, `${state} refuses OPEN with "connection already exists"`), () => {
    const t = make();
    for (const name of ['listen', 'connect'] as const) {
      const r = act(t, call(name));
      expectTransition(r, `${s}-open`);
      expect(errors(r)).toEqual(['connection already exists']);
      expect(sent(r)).toEqual([]);
    }
  });

  const abortSendsRst = ['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT'].includes(state);
  it(title(`${s}-abort`, `${state} on ABORT enters CLOSED ${abortSendsRst ? 'sending <SEQ=SND.NXT><CTL=RST>' : 'without sending a RST'}`), () => {
    const t = make();
    const r = act(t, call('abort'));
    expectTransition(r, `${s}-abort`);
    expect(r.tcb.state).toBe('CLOSED');
    expect(sent(r)).toEqual(abortSendsRst ? [seg(['RST'], t.sndNxt)] : []);
    expect(errors(r)).toEqual([]);
    expect(nextTimer(r.tcb)).toBeNull();
  });
}

/** SEND and CLOSE after our FIN: "error: connection closing" (§3.10.2, §3.10.4). */
function closingSideCallTests(state: State, make: () => Tcb): void {
  const s = stateSlug(state);
  it(title(`${s}-send`, `${state} refuses SEND with "connection closing"`), () => {
    const r = act(make(), call('send', 10));
    expectTransition(r, `${s}-send`);
    expect(errors(r)).toEqual(['connection closing']);
    expect(sent(r)).toEqual([]);
  });
  it(title(`${s}-close`, `${state} refuses a second CLOSE with "connection closing" and sends no second FIN`), () => {
    const r = act(make(), call('close'));
    expectTransition(r, `${s}-close`);
    expect(errors(r)).toEqual(['connection closing']);
    expect(sent(r)).toEqual([]);
    expect(r.tcb.state).toBe(state);
  });
}

/** Retransmission of the oldest unacknowledged segment, and giving up (§3.10.8, §3.8.3). */
function retransmissionTests(state: State, make: () => Tcb, expected: Segment, limit: 'synRetries' | 'retries'): void {
  const s = stateSlug(state);
  it(title(`${s}-timeout-retransmit`, `${state} resends ${formatFlags(expected.flags)} on RTO and doubles the RTO`), () => {
    const t = make();
    const r = fireAtDeadline(t, 'retransmission');
    expectTransition(r, `${s}-timeout-retransmit`);
    expect(sent(r)).toEqual([expected]);
    expect(r.tcb.rto).toBe(2 * t.rto);
    expect(r.tcb.retries).toBe(1);
    expect(timerOutputs(r)).toEqual([{ type: 'timer', name: 'retransmission', action: 'start', duration: 2 * t.rto }]);
  });
  it(title(`${s}-timeout-give-up`, `${state} enters CLOSED with "connection timed out" after ${limit} retransmissions`), () => {
    const { result, retransmissions } = retransmitUntilGiveUp(make());
    expectTransition(result, `${s}-timeout-give-up`);
    expect(retransmissions).toBe(limit === 'synRetries' ? 6 : 15);
    expect(errors(result)).toEqual(['connection timed out']);
    expect(nextTimer(result.tcb)).toBeNull();
  });
}

// =============================================================================================
// Tests for the CLOSED state (§3.10.7.1 and the calls of §3.10.1–§3.10.5).
describe('CLOSED', () => {
  it(title('closed-listen', 'CLOSED enters LISTEN on a passive OPEN and sends nothing'), () => {
    const r = act(closed(), call('listen'));
    expectTransition(r, 'closed-listen');
    expect(r.tcb.state).toBe('LISTEN');
    expect(r.tcb.origin).toBe('passive');
    expect(r.outputs).toEqual([{ type: 'state', from: 'CLOSED', to: 'LISTEN', cause: 'passive OPEN (listen)' }]);
  });

  it(title('closed-connect', 'CLOSED sends <SEQ=ISS><CTL=SYN> on an active OPEN and enters SYN-SENT'), () => {
    const r = act(closed(), call('connect'));
    expectTransition(r, 'closed-connect');
    expect(sent(r)).toEqual([seg(['SYN'], LOCAL_ISS)]);
    expect(r.tcb).toMatchObject({ state: 'SYN-SENT', origin: 'active', sndUna: LOCAL_ISS, sndNxt: LOCAL_ISS + 1 });
    expect(r.tcb.timers.retransmission).toBe(RTO);
  });

  for (const [name, id] of [['send', 'closed-send'], ['close', 'closed-close'], ['abort', 'closed-abort']] as const) {
    it(title(id, `CLOSED answers ${name.toUpperCase()} with "connection does not exist"`), () => {
      const r = act(closed(), call(name, name === 'send' ? 10 : undefined));
      expectTransition(r, id);
      expect(errors(r)).toEqual(['connection does not exist']);
      expect(r.tcb.state).toBe('CLOSED');
    });
  }

  it(title('closed-rcv-rst', 'CLOSED discards an incoming RST without answering'), () => {
    const r = act(closed(), rcv(['RST'], 77));
    expectTransition(r, 'closed-rcv-rst');
    expect(r.outputs).toEqual([]);
  });

  it(title('closed-rcv-segment', 'CLOSED answers a SYN with <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK> and an ACK with <SEQ=SEG.ACK><CTL=RST>'), () => {
    const toSyn = act(closed(), rcv(['SYN'], REMOTE_ISS));
    expectTransition(toSyn, 'closed-rcv-segment');
    expect(sent(toSyn)).toEqual([seg(['RST', 'ACK'], 0, REMOTE_ISS + 1)]);
    const toData = act(closed(), rcv(['ACK'], REMOTE_ISS + 1, 4321, 100));
    expectTransition(toData, 'closed-rcv-segment');
    expect(sent(toData)).toEqual([seg(['RST'], 4321)]);
  });
});

// =============================================================================================
// Tests for the LISTEN state (§3.10.7.2).
describe('LISTEN', () => {
  it(title('listen-rcv-syn', 'LISTEN answers a SYN with <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> and enters SYN-RECEIVED'), () => {
    const r = act(listening(), rcv(['SYN'], REMOTE_ISS));
    expectTransition(r, 'listen-rcv-syn');
    expect(sent(r)).toEqual([seg(['SYN', 'ACK'], LOCAL_ISS, REMOTE_ISS + 1)]);
    expect(r.tcb).toMatchObject({ state: 'SYN-RECEIVED', origin: 'passive', irs: REMOTE_ISS, rcvNxt: REMOTE_ISS + 1, sndUna: LOCAL_ISS, sndNxt: LOCAL_ISS + 1 });
    expect(r.tcb.timers.retransmission).toBe(RTO);
  });

  it(title('listen-rcv-rst', 'LISTEN ignores a RST'), () => {
    const r = act(listening(), rcv(['RST'], 123));
    expectTransition(r, 'listen-rcv-rst');
    expect(r.outputs).toEqual([]);
    expect(r.tcb.state).toBe('LISTEN');
  });

  it(title('listen-rcv-ack', 'LISTEN answers any ACK-bearing segment with <SEQ=SEG.ACK><CTL=RST>, even a SYN,ACK'), () => {
    for (const flags of [['ACK'], ['SYN', 'ACK']] as Flag[][]) {
      const r = act(listening(), rcv(flags, REMOTE_ISS, 2222));
      expectTransition(r, 'listen-rcv-ack');
      expect(sent(r)).toEqual([seg(['RST'], 2222)]);
      expect(r.tcb.state).toBe('LISTEN');
    }
  });

  it(title('listen-rcv-other', 'LISTEN drops a segment with neither SYN, ACK nor RST'), () => {
    const r = act(listening(), rcv(['FIN'], REMOTE_ISS));
    expectTransition(r, 'listen-rcv-other');
    expect(r.outputs).toEqual([]);
  });

  it(title('listen-connect', 'LISTEN turns active on OPEN: sends SYN and enters SYN-SENT'), () => {
    const r = act(listening(), call('connect'));
    expectTransition(r, 'listen-connect');
    expect(sent(r)).toEqual([seg(['SYN'], LOCAL_ISS)]);
    expect(r.tcb.origin).toBe('active');
  });

  it(title('listen-send', 'LISTEN on SEND sends SYN, enters SYN-SENT and sends the data once ESTABLISHED'), () => {
    const r = act(listening(), call('send', 100));
    expectTransition(r, 'listen-send');
    expect(sent(r)).toEqual([seg(['SYN'], LOCAL_ISS)]);
    expect(r.tcb.sendQueue).toBe(100);
    const open = act(r.tcb, rcv(['SYN', 'ACK'], REMOTE_ISS, LOCAL_ISS + 1));
    // The ACK of the SYN rides on the queued data (§3.10.7.3: "Data ... queued for transmission MAY be included").
    expect(sent(open)).toEqual([seg(['ACK'], LOCAL_ISS + 1, REMOTE_ISS + 1, 100)]);
  });

  it(title('listen-listen', 'LISTEN refuses a second passive OPEN with "connection already exists"'), () => {
    const r = act(listening(), call('listen'));
    expectTransition(r, 'listen-listen');
    expect(errors(r)).toEqual(['connection already exists']);
  });

  it(title('listen-close', 'LISTEN on CLOSE deletes the TCB and enters CLOSED, sending nothing'), () => {
    const r = act(listening(), call('close'));
    expectTransition(r, 'listen-close');
    expect(r.tcb.state).toBe('CLOSED');
    expect(sent(r)).toEqual([]);
  });

  it(title('listen-abort', 'LISTEN on ABORT enters CLOSED without a RST'), () => {
    const r = act(listening(), call('abort'));
    expectTransition(r, 'listen-abort');
    expect(r.tcb.state).toBe('CLOSED');
    expect(sent(r)).toEqual([]);
  });
});

// =============================================================================================
// Tests for the SYN-SENT state (§3.10.7.3).
describe('SYN-SENT', () => {
  it(title('syn-sent-rcv-syn-ack', 'SYN-SENT on SYN,ACK with an acceptable ACK sends ACK at once and enters ESTABLISHED'), () => {
    // The ACK of a SYN is never delayed, even with delayed ACKs on.
    const r = act(synSent({ delayedAck: 200 }), rcv(['SYN', 'ACK'], REMOTE_ISS, LOCAL_ISS + 1));
    expectTransition(r, 'syn-sent-rcv-syn-ack');
    expect(sent(r)).toEqual([seg(['ACK'], LOCAL_ISS + 1, REMOTE_ISS + 1)]);
    expect(r.tcb).toMatchObject({ state: 'ESTABLISHED', irs: REMOTE_ISS, rcvNxt: REMOTE_ISS + 1, sndUna: LOCAL_ISS + 1 });
    expect(r.tcb.timers).toEqual({ retransmission: null, timeWait: null, delayedAck: null });
  });

  it(title('syn-sent-rcv-syn-ack-fin', 'SYN-SENT on SYN,ACK carrying FIN goes on to CLOSE-WAIT in the same segment'), () => {
    const r = act(synSent(), rcv(['SYN', 'FIN', 'ACK'], REMOTE_ISS, LOCAL_ISS + 1));
    expectTransition(r, 'syn-sent-rcv-syn-ack-fin');
    expect(r.tcb.rcvNxt).toBe(REMOTE_ISS + 2);
    expect(sent(r)).toEqual([seg(['ACK'], LOCAL_ISS + 1, REMOTE_ISS + 2)]);
    expect(r.outputs.filter((o) => o.type === 'state')).toEqual([{ type: 'state', from: 'SYN-SENT', to: 'CLOSE-WAIT', cause: 'rcv SYN,ACK with FIN' }]);
  });

  it(title('syn-sent-rcv-syn', 'SYN-SENT on a SYN without ACK answers SYN,ACK and enters SYN-RECEIVED (simultaneous open)'), () => {
    const r = act(synSent(), rcv(['SYN'], REMOTE_ISS));
    expectTransition(r, 'syn-sent-rcv-syn');
    expect(sent(r)).toEqual([seg(['SYN', 'ACK'], LOCAL_ISS, REMOTE_ISS + 1)]);
    expect(r.tcb).toMatchObject({ state: 'SYN-RECEIVED', origin: 'active', sndUna: LOCAL_ISS, sndNxt: LOCAL_ISS + 1 });
  });

  it(title('syn-sent-rcv-bad-ack', 'SYN-SENT answers an ACK =< ISS or > SND.NXT with <SEQ=SEG.ACK><CTL=RST>'), () => {
    for (const ack of [LOCAL_ISS, LOCAL_ISS + 2]) {
      const r = act(synSent(), rcv(['SYN', 'ACK'], 9000, ack));
      expectTransition(r, 'syn-sent-rcv-bad-ack');
      expect(sent(r)).toEqual([seg(['RST'], ack)]);
      expect(r.tcb.state).toBe('SYN-SENT');
    }
  });

  it(title('syn-sent-rcv-rst', 'SYN-SENT on a RST that ACKs our SYN reports "connection reset" and enters CLOSED'), () => {
    const r = act(synSent(), rcv(['RST', 'ACK'], 0, LOCAL_ISS + 1));
    expectTransition(r, 'syn-sent-rcv-rst');
    expect(errors(r)).toEqual(['connection reset']);
    expect(r.tcb.state).toBe('CLOSED');
    expect(timerOutputs(r)).toEqual([{ type: 'timer', name: 'retransmission', action: 'stop' }]);
  });

  it(title('syn-sent-rcv-rst-unacceptable', 'SYN-SENT drops a RST without ACK, or whose ACK misses our SYN'), () => {
    for (const input of [rcv(['RST'], 0), rcv(['RST', 'ACK'], 0, LOCAL_ISS + 7)]) {
      const r = act(synSent(), input);
      expectTransition(r, 'syn-sent-rcv-rst-unacceptable');
      expect(r.outputs).toEqual([]);
      expect(r.tcb.state).toBe('SYN-SENT');
    }
  });

  it(title('syn-sent-rcv-other', 'SYN-SENT drops an acceptable ACK without SYN, and a FIN it cannot validate'), () => {
    for (const input of [rcv(['ACK'], REMOTE_ISS, LOCAL_ISS + 1), rcv(['FIN'], REMOTE_ISS)]) {
      const r = act(synSent(), input);
      expectTransition(r, 'syn-sent-rcv-other');
      expect(r.outputs).toEqual([]);
    }
  });

  retransmissionTests('SYN-SENT', () => synSent(), seg(['SYN'], LOCAL_ISS), 'synRetries');

  it('syn-sent-timeout-give-up: with tcp_syn_retries = 6 an unanswered connect fails after 127 s (1+2+4+…+64, RFC 6298 §5.5)', () => {
    const { at } = retransmitUntilGiveUp(synSent());
    expect(at).toBe(127_000);
  });

  it(title('syn-sent-send', 'SYN-SENT queues SEND data until ESTABLISHED'), () => {
    const r = act(synSent(), call('send', 500));
    expectTransition(r, 'syn-sent-send');
    expect(sent(r)).toEqual([]);
    expect(r.tcb.sendQueue).toBe(500);
  });

  it(title('syn-sent-close', 'SYN-SENT on CLOSE deletes the TCB and enters CLOSED, sending nothing'), () => {
    const r = act(synSent(), call('close'));
    expectTransition(r, 'syn-sent-close');
    expect(r.tcb.state).toBe('CLOSED');
    expect(sent(r)).toEqual([]);
    expect(nextTimer(r.tcb)).toBeNull();
  });

  it(title('syn-sent-abort', 'SYN-SENT on ABORT enters CLOSED without a RST'), () => {
    const r = act(synSent(), call('abort'));
    expectTransition(r, 'syn-sent-abort');
    expect(sent(r)).toEqual([]);
  });

  it(title('syn-sent-open', 'SYN-SENT refuses OPEN with "connection already exists"'), () => {
    const r = act(synSent(), call('connect'));
    expectTransition(r, 'syn-sent-open');
    expect(errors(r)).toEqual(['connection already exists']);
  });
});

// =============================================================================================
// Tests for the SYN-RECEIVED state (§3.10.7.4; MUST-11 passive/active origin).
describe('SYN-RECEIVED', () => {
  it(title('syn-received-rcv-ack', 'SYN-RECEIVED enters ESTABLISHED on the ACK of our SYN and sends nothing'), () => {
    const r = act(synReceivedPassive(), rcv(['ACK'], REMOTE_ISS + 1, LOCAL_ISS + 1));
    expectTransition(r, 'syn-received-rcv-ack');
    expect(sent(r)).toEqual([]);
    expect(r.tcb).toMatchObject({ state: 'ESTABLISHED', sndUna: LOCAL_ISS + 1 });
    expect(r.tcb.timers.retransmission).toBeNull();
  });

  it(title('syn-received-rcv-fin', 'SYN-RECEIVED on a FIN that ACKs our SYN enters CLOSE-WAIT and ACKs the FIN'), () => {
    const r = act(synReceivedPassive(), rcv(['FIN', 'ACK'], REMOTE_ISS + 1, LOCAL_ISS + 1));
    expectTransition(r, 'syn-received-rcv-fin');
    expect(sent(r)).toEqual([seg(['ACK'], LOCAL_ISS + 1, REMOTE_ISS + 2)]);
    expect(r.outputs).toContainEqual({ type: 'signal', code: 'closing', message: 'connection closing' });
  });

  it(title('syn-received-rcv-bad-ack', 'SYN-RECEIVED answers an unacceptable ACK with <SEQ=SEG.ACK><CTL=RST>'), () => {
    for (const ack of [LOCAL_ISS, LOCAL_ISS + 50]) {
      const r = act(synReceivedPassive(), rcv(['ACK'], REMOTE_ISS + 1, ack));
      expectTransition(r, 'syn-received-rcv-bad-ack');
      expect(sent(r)).toEqual([seg(['RST'], ack)]);
      expect(r.tcb.state).toBe('SYN-RECEIVED');
    }
  });

  it(title('syn-received-rcv-no-ack', 'SYN-RECEIVED drops an acceptable segment whose ACK bit is off'), () => {
    const r = act(synReceivedPassive(), rcv([], REMOTE_ISS + 1, null, 10));
    expectTransition(r, 'syn-received-rcv-no-ack');
    expect(r.outputs).toEqual([]);
  });

  it(title('syn-received-rcv-rst-passive', 'SYN-RECEIVED from a passive OPEN returns to LISTEN on RST, telling nobody'), () => {
    const r = act(synReceivedPassive(), rcv(['RST'], REMOTE_ISS + 1));
    expectTransition(r, 'syn-received-rcv-rst-passive');
    expect(r.tcb).toMatchObject({ state: 'LISTEN', origin: 'passive', irs: null, retransmissionQueue: [] });
    expect(errors(r)).toEqual([]);
    expect(nextTimer(r.tcb)).toBeNull();
  });

  it(title('syn-received-rcv-rst-active', 'SYN-RECEIVED from an active OPEN reports "connection refused" on RST and enters CLOSED'), () => {
    const r = act(synReceivedActive(), rcv(['RST'], REMOTE_ISS + 1));
    expectTransition(r, 'syn-received-rcv-rst-active');
    expect(errors(r)).toEqual(['connection refused']);
    expect(r.tcb.state).toBe('CLOSED');
  });

  it(title('syn-received-rcv-syn-passive', 'SYN-RECEIVED from a passive OPEN returns to LISTEN on an acceptable SYN'), () => {
    const r = act(synReceivedPassive(), rcv(['SYN'], REMOTE_ISS + 1));
    expectTransition(r, 'syn-received-rcv-syn-passive');
    expect(r.tcb.state).toBe('LISTEN');
  });

  it(title('syn-received-rcv-syn-active', 'SYN-RECEIVED from an active OPEN answers an acceptable SYN with a challenge ACK'), () => {
    const r = act(synReceivedActive(), rcv(['SYN'], REMOTE_ISS + 1));
    expectTransition(r, 'syn-received-rcv-syn-active');
    expect(sent(r)).toEqual([seg(['ACK'], LOCAL_ISS + 1, REMOTE_ISS + 1)]);
  });

  it(title('syn-received-rcv-unacceptable', 'SYN-RECEIVED answers a retransmitted SYN (below RCV.NXT) with an ACK'), () => {
    const r = act(synReceivedPassive(), rcv(['SYN'], REMOTE_ISS));
    expectTransition(r, 'syn-received-rcv-unacceptable');
    expect(sent(r)).toEqual([seg(['ACK'], LOCAL_ISS + 1, REMOTE_ISS + 1)]);
    expect(r.tcb.state).toBe('SYN-RECEIVED');
  });

  it(title('syn-received-rcv-rst-out-of-window', 'SYN-RECEIVED silently drops a RST outside the window'), () => {
    const r = act(synReceivedPassive(), rcv(['RST'], REMOTE_ISS + 1 + WINDOW));
    expectTransition(r, 'syn-received-rcv-rst-out-of-window');
    expect(r.outputs).toEqual([]);
  });

  it(title('syn-received-rcv-rst-inexact', 'SYN-RECEIVED answers an in-window RST not at RCV.NXT with a challenge ACK'), () => {
    const r = act(synReceivedPassive(), rcv(['RST'], REMOTE_ISS + 2));
    expectTransition(r, 'syn-received-rcv-rst-inexact');
    expect(sent(r)).toEqual([seg(['ACK'], LOCAL_ISS + 1, REMOTE_ISS + 1)]);
    expect(r.tcb.state).toBe('SYN-RECEIVED');
  });

  it(title('syn-received-send', 'SYN-RECEIVED queues SEND data and sends it once the handshake completes'), () => {
    const r = act(synReceivedPassive(), call('send', 100));
    expectTransition(r, 'syn-received-send');
    expect(sent(r)).toEqual([]);
    const open = act(r.tcb, rcv(['ACK'], REMOTE_ISS + 1, LOCAL_ISS + 1));
    expect(sent(open)).toEqual([seg(['ACK'], LOCAL_ISS + 1, REMOTE_ISS + 1, 100)]);
  });

  it(title('syn-received-close', 'SYN-RECEIVED on CLOSE sends FIN and enters FIN-WAIT-1'), () => {
    const r = act(synReceivedPassive(), call('close'));
    expectTransition(r, 'syn-received-close');
    expect(sent(r)).toEqual([seg(['FIN', 'ACK'], LOCAL_ISS + 1, REMOTE_ISS + 1)]);
    expect(r.tcb).toMatchObject({ state: 'FIN-WAIT-1', finSeq: LOCAL_ISS + 1, sndNxt: LOCAL_ISS + 2 });
    // One ACK for SYN and FIN together leads on to FIN-WAIT-2.
    const both = act(r.tcb, rcv(['ACK'], REMOTE_ISS + 1, LOCAL_ISS + 2));
    expect(both.tcb.state).toBe('FIN-WAIT-2');
  });

  it(title('syn-received-abort', 'SYN-RECEIVED on ABORT sends <SEQ=SND.NXT><CTL=RST> and enters CLOSED'), () => {
    const r = act(synReceivedPassive(), call('abort'));
    expectTransition(r, 'syn-received-abort');
    expect(sent(r)).toEqual([seg(['RST'], LOCAL_ISS + 1)]);
    expect(r.tcb.state).toBe('CLOSED');
  });

  it(title('syn-received-open', 'SYN-RECEIVED refuses OPEN with "connection already exists"'), () => {
    const r = act(synReceivedPassive(), call('listen'));
    expectTransition(r, 'syn-received-open');
    expect(errors(r)).toEqual(['connection already exists']);
  });

  retransmissionTests('SYN-RECEIVED', () => synReceivedPassive(), seg(['SYN', 'ACK'], LOCAL_ISS, REMOTE_ISS + 1), 'synRetries');
});

// =============================================================================================
// Tests for the ESTABLISHED state (§3.10.7.4, §3.10.2, §3.10.4).
describe('ESTABLISHED', () => {
  it(title('established-rcv-segment', 'ESTABLISHED delivers in-order data, advances RCV.NXT and ACKs it'), () => {
    const r = act(established(), rcv(['ACK'], REMOTE_ISS + 1, LOCAL_ISS + 1, 100));
    expectTransition(r, 'established-rcv-segment');
    expect(r.outputs).toContainEqual({ type: 'deliver', bytes: 100 });
    expect(r.tcb.rcvNxt).toBe(REMOTE_ISS + 101);
    expect(sent(r)).toEqual([seg(['ACK'], LOCAL_ISS + 1, REMOTE_ISS + 101)]);
  });

  it('established-rcv-segment: ESTABLISHED drops out-of-order data and ACKs RCV.NXT at once (§3.10.7.4, MAY-13)', () => {
    const r = act(established({ delayedAck: 200 }), rcv(['ACK'], REMOTE_ISS + 101, LOCAL_ISS + 1, 100));
    expectTransition(r, 'established-rcv-segment');
    expect(r.outputs.some((o) => o.type === 'deliver')).toBe(false);
    expect(sent(r)).toEqual([seg(['ACK'], LOCAL_ISS + 1, REMOTE_ISS + 1)]);
  });

  it('established-rcv-segment: ESTABLISHED processes only the new part of a segment that straddles RCV.NXT (§3.10.7.4)', () => {
    const t = drive(established(), rcv(['ACK'], REMOTE_ISS + 1, LOCAL_ISS + 1, 100));
    const r = act(t, rcv(['ACK'], REMOTE_ISS + 51, LOCAL_ISS + 1, 100));
    expectTransition(r, 'established-rcv-segment');
    expect(r.outputs).toContainEqual({ type: 'deliver', bytes: 50 });
    expect(r.tcb.rcvNxt).toBe(REMOTE_ISS + 151);
  });

  it('established-rcv-segment: an ACK of new data advances SND.UNA, empties the retransmission queue and stops the timer (§3.10.7.4, RFC 6298 §5.2)', () => {
    const t = drive(established(), call('send', 100));
    const r = act(t, rcv(['ACK'], REMOTE_ISS + 1, LOCAL_ISS + 101));
    expectTransition(r, 'established-rcv-segment');
    expect(r.tcb).toMatchObject({ sndUna: LOCAL_ISS + 101, retransmissionQueue: [] });
    expect(timerOutputs(r)).toEqual([{ type: 'timer', name: 'retransmission', action: 'stop' }]);
  });

  it(title('established-timeout-delayed-ack', 'ESTABLISHED defers the ACK of data by delayedAck ms and sends it when the timer fires'), () => {
    const r = act(established({ delayedAck: 200 }), rcv(['ACK'], REMOTE_ISS + 1, LOCAL_ISS + 1, 100), 10);
    expect(sent(r)).toEqual([]);
    expect(r.tcb.timers.delayedAck).toBe(210);
    const early = act(r.tcb, fire('delayedAck'), 100);
    expect(early.transition).toBeNull();
    expect(early.note).toEqual({ code: 'timerNotDue', params: { timer: 'delayedAck', deadline: 210 } });
    const due = act(r.tcb, fire('delayedAck'), 210);
    expectTransition(due, 'established-timeout-delayed-ack');
    expect(sent(due)).toEqual([seg(['ACK'], LOCAL_ISS + 1, REMOTE_ISS + 101)]);
    expect(due.tcb.timers.delayedAck).toBeNull();
  });

  it('established-rcv-segment: a second segment while an ACK is delayed is ACKed at once (SHLD-19, §3.8.6.3)', () => {
    const t = drive(established({ delayedAck: 200 }), rcv(['ACK'], REMOTE_ISS + 1, LOCAL_ISS + 1, 100));
    const r = act(t, rcv(['ACK'], REMOTE_ISS + 101, LOCAL_ISS + 1, 100));
    expectTransition(r, 'established-rcv-segment');
    expect(sent(r)).toEqual([seg(['ACK'], LOCAL_ISS + 1, REMOTE_ISS + 201)]);
    expect(r.tcb.timers.delayedAck).toBeNull();
  });

  it(title('established-rcv-fin', 'ESTABLISHED on FIN advances RCV.NXT over it, ACKs it, signals "connection closing" and enters CLOSE-WAIT'), () => {
    const r = act(established(), rcv(['FIN', 'ACK'], REMOTE_ISS + 1, LOCAL_ISS + 1));
    expectTransition(r, 'established-rcv-fin');
    expect(r.tcb.rcvNxt).toBe(REMOTE_ISS + 2);
    expect(sent(r)).toEqual([seg(['ACK'], LOCAL_ISS + 1, REMOTE_ISS + 2)]);
    expect(r.outputs).toContainEqual({ type: 'signal', code: 'closing', message: 'connection closing' });
  });

  it('established-rcv-fin: a FIN behind missing data is not processed; RCV.NXT is ACKed instead (§3.10.7.4)', () => {
    const r = act(established(), rcv(['FIN', 'ACK'], REMOTE_ISS + 101, LOCAL_ISS + 1));
    expect(r.tcb.state).toBe('ESTABLISHED');
    expect(sent(r)).toEqual([seg(['ACK'], LOCAL_ISS + 1, REMOTE_ISS + 1)]);
  });

  it('established-rcv-unacceptable: an ACK of data never sent is dropped and answered by an ACK (§3.10.7.4)', () => {
    const r = act(established(), rcv(['ACK'], REMOTE_ISS + 1, LOCAL_ISS + 500, 10));
    expectTransition(r, 'established-rcv-unacceptable');
    expect(sent(r)).toEqual([seg(['ACK'], LOCAL_ISS + 1, REMOTE_ISS + 1)]);
    expect(r.outputs.some((o) => o.type === 'deliver')).toBe(false);
  });

  it(title('established-send', 'ESTABLISHED segmentizes SEND data into MSS-sized segments within the peer\'s window'), () => {
    const r = act(established(), call('send', 3000));
    expectTransition(r, 'established-send');
    expect(sent(r)).toEqual([
      seg(['ACK'], LOCAL_ISS + 1, REMOTE_ISS + 1, 1460),
      seg(['ACK'], LOCAL_ISS + 1461, REMOTE_ISS + 1, 1460),
      seg(['ACK'], LOCAL_ISS + 2921, REMOTE_ISS + 1, 80),
    ]);
    expect(r.tcb.sndNxt).toBe(LOCAL_ISS + 3001);
    expect(r.tcb.timers.retransmission).toBe(RTO);
    // A peer that offers 1000 bytes of window gets 1000 bytes; the rest waits for its ACK.
    const narrow = drive(synSent(), rcv(['SYN', 'ACK'], REMOTE_ISS, LOCAL_ISS + 1, 0, 1000));
    const limited = act(narrow, call('send', 3000));
    expect(sent(limited).map((s) => s.len)).toEqual([1000]);
    expect(limited.tcb.sendQueue).toBe(2000);
    const more = act(limited.tcb, rcv(['ACK'], REMOTE_ISS + 1, LOCAL_ISS + 1001, 0, 1000));
    expect(sent(more).map((s) => s.len)).toEqual([1000]);
  });

  it(title('established-close', 'ESTABLISHED on CLOSE sends FIN after queued data and enters FIN-WAIT-1'), () => {
    const r = act(established(), call('close'));
    expectTransition(r, 'established-close');
    expect(sent(r)).toEqual([seg(['FIN', 'ACK'], LOCAL_ISS + 1, REMOTE_ISS + 1)]);
    expect(r.tcb).toMatchObject({ state: 'FIN-WAIT-1', finSeq: LOCAL_ISS + 1, sndNxt: LOCAL_ISS + 2 });
  });

  it('established-close: with data held back by the peer\'s window, the FIN waits behind it (§3.10.4)', () => {
    const narrow = drive(synSent(), rcv(['SYN', 'ACK'], REMOTE_ISS, LOCAL_ISS + 1, 0, 1000), call('send', 1500));
    const r = act(narrow, call('close'));
    expectTransition(r, 'established-close');
    expect(sent(r)).toEqual([]);
    expect(r.tcb.finSeq).toBeNull();
    const acked = act(r.tcb, rcv(['ACK'], REMOTE_ISS + 1, LOCAL_ISS + 1001, 0, 1000));
    expect(sent(acked)).toEqual([seg(['ACK'], LOCAL_ISS + 1001, REMOTE_ISS + 1, 500), seg(['FIN', 'ACK'], LOCAL_ISS + 1501, REMOTE_ISS + 1)]);
  });

  retransmissionTests('ESTABLISHED', () => drive(established(), call('send', 100)), seg(['ACK'], LOCAL_ISS + 1, REMOTE_ISS + 1, 100), 'retries');

  synchronizedStateTests('ESTABLISHED', () => established());
});

// =============================================================================================
// Tests for the FIN-WAIT-1 state.
describe('FIN-WAIT-1', () => {
  it(title('fin-wait-1-rcv-ack-of-fin', 'FIN-WAIT-1 enters FIN-WAIT-2 when our FIN is acknowledged'), () => {
    const r = act(finWait1(), rcv(['ACK'], REMOTE_ISS + 1, LOCAL_ISS + 2));
    expectTransition(r, 'fin-wait-1-rcv-ack-of-fin');
    expect(r.tcb.state).toBe('FIN-WAIT-2');
    expect(sent(r)).toEqual([]);
    expect(nextTimer(r.tcb)).toBeNull();
  });

  it(title('fin-wait-1-rcv-fin', 'FIN-WAIT-1 enters CLOSING on a FIN that does not ACK our FIN, and ACKs it'), () => {
    const r = act(finWait1(), rcv(['FIN', 'ACK'], REMOTE_ISS + 1, LOCAL_ISS + 1));
    expectTransition(r, 'fin-wait-1-rcv-fin');
    expect(sent(r)).toEqual([seg(['ACK'], LOCAL_ISS + 2, REMOTE_ISS + 2)]);
    expect(r.tcb.state).toBe('CLOSING');
  });

  it(title('fin-wait-1-rcv-fin-ack-of-fin', 'FIN-WAIT-1 goes straight to TIME-WAIT on a FIN that also ACKs our FIN, and starts 2MSL'), () => {
    const r = act(finWait1(), rcv(['FIN', 'ACK'], REMOTE_ISS + 1, LOCAL_ISS + 2), 500);
    expectTransition(r, 'fin-wait-1-rcv-fin-ack-of-fin');
    expect(sent(r)).toEqual([seg(['ACK'], LOCAL_ISS + 2, REMOTE_ISS + 2)]);
    expect(r.tcb.timers).toEqual({ retransmission: null, timeWait: 500 + 2 * MSL, delayedAck: null });
    expect(r.outputs.filter((o) => o.type === 'state')).toEqual([{ type: 'state', from: 'FIN-WAIT-1', to: 'TIME-WAIT', cause: 'rcv FIN,ACK of FIN' }]);
  });

  it(title('fin-wait-1-rcv-segment', 'FIN-WAIT-1 still receives data after its own FIN (half-close)'), () => {
    const r = act(finWait1(), rcv(['ACK'], REMOTE_ISS + 1, LOCAL_ISS + 1, 10));
    expectTransition(r, 'fin-wait-1-rcv-segment');
    expect(r.outputs).toContainEqual({ type: 'deliver', bytes: 10 });
    expect(sent(r)).toEqual([seg(['ACK'], LOCAL_ISS + 2, REMOTE_ISS + 11)]);
  });

  it(title('fin-wait-1-timeout-delayed-ack', 'FIN-WAIT-1 sends a delayed ACK of data when the timer fires'), () => {
    const t = drive(finWait1({ delayedAck: 100 }), rcv(['ACK'], REMOTE_ISS + 1, LOCAL_ISS + 1, 10));
    const r = fireAtDeadline(t, 'delayedAck');
    expectTransition(r, 'fin-wait-1-timeout-delayed-ack');
    expect(sent(r)).toEqual([seg(['ACK'], LOCAL_ISS + 2, REMOTE_ISS + 11)]);
  });

  retransmissionTests('FIN-WAIT-1', () => finWait1(), seg(['FIN', 'ACK'], LOCAL_ISS + 1, REMOTE_ISS + 1), 'retries');
  closingSideCallTests('FIN-WAIT-1', () => finWait1());
  synchronizedStateTests('FIN-WAIT-1', () => finWait1());
});

// =============================================================================================
// Tests for the FIN-WAIT-2 state.
describe('FIN-WAIT-2', () => {
  it(title('fin-wait-2-rcv-fin', 'FIN-WAIT-2 ACKs the FIN at once, enters TIME-WAIT and starts the 2MSL timer'), () => {
    const r = act(finWait2({ delayedAck: 200 }), rcv(['FIN', 'ACK'], REMOTE_ISS + 1, LOCAL_ISS + 2), 1000);
    expectTransition(r, 'fin-wait-2-rcv-fin');
    expect(sent(r)).toEqual([seg(['ACK'], LOCAL_ISS + 2, REMOTE_ISS + 2)]);
    expect(r.tcb.timers).toEqual({ retransmission: null, timeWait: 1000 + 2 * MSL, delayedAck: null });
  });

  it(title('fin-wait-2-rcv-segment', 'FIN-WAIT-2 keeps receiving data for as long as the peer sends'), () => {
    const r = act(finWait2(), rcv(['ACK'], REMOTE_ISS + 1, LOCAL_ISS + 2, 10));
    expectTransition(r, 'fin-wait-2-rcv-segment');
    expect(r.outputs).toContainEqual({ type: 'deliver', bytes: 10 });
  });

  it(title('fin-wait-2-timeout-delayed-ack', 'FIN-WAIT-2 sends a delayed ACK of data when the timer fires'), () => {
    const t = drive(finWait2({ delayedAck: 100 }), rcv(['ACK'], REMOTE_ISS + 1, LOCAL_ISS + 2, 10));
    const r = fireAtDeadline(t, 'delayedAck');
    expectTransition(r, 'fin-wait-2-timeout-delayed-ack');
    expect(sent(r)).toEqual([seg(['ACK'], LOCAL_ISS + 2, REMOTE_ISS + 11)]);
  });

  closingSideCallTests('FIN-WAIT-2', () => finWait2());
  synchronizedStateTests('FIN-WAIT-2', () => finWait2());
});

// =============================================================================================
// Tests for the CLOSE-WAIT state.
describe('CLOSE-WAIT', () => {
  it(title('close-wait-send', 'CLOSE-WAIT still sends data after the peer\'s FIN (half-close)'), () => {
    const r = act(closeWait(), call('send', 10));
    expectTransition(r, 'close-wait-send');
    expect(sent(r)).toEqual([seg(['ACK'], LOCAL_ISS + 1, REMOTE_ISS + 2, 10)]);
  });

  it(title('close-wait-close', 'CLOSE-WAIT on CLOSE sends FIN and enters LAST-ACK'), () => {
    const r = act(closeWait(), call('close'));
    expectTransition(r, 'close-wait-close');
    expect(sent(r)).toEqual([seg(['FIN', 'ACK'], LOCAL_ISS + 1, REMOTE_ISS + 2)]);
    expect(r.tcb.state).toBe('LAST-ACK');
  });

  it('close-wait-close: with a delayed ACK pending, the ACK of the peer\'s FIN rides on our FIN: the three-segment close (§3.10.4, §3.8.6.3)', () => {
    const t = closeWait({ delayedAck: 200 });
    expect(t.timers.delayedAck).toBe(200);
    const r = act(t, call('close'), 50);
    expectTransition(r, 'close-wait-close');
    expect(sent(r)).toEqual([seg(['FIN', 'ACK'], LOCAL_ISS + 1, REMOTE_ISS + 2)]);
    expect(r.tcb.timers.delayedAck).toBeNull();
  });

  it(title('close-wait-rcv-segment', 'CLOSE-WAIT processes the ACK of its data'), () => {
    const t = drive(closeWait(), call('send', 10));
    const r = act(t, rcv(['ACK'], REMOTE_ISS + 2, LOCAL_ISS + 11));
    expectTransition(r, 'close-wait-rcv-segment');
    expect(r.tcb.sndUna).toBe(LOCAL_ISS + 11);
  });

  it('close-wait-rcv-unacceptable: CLOSE-WAIT re-ACKs a retransmitted FIN (§3.10.7.4)', () => {
    const r = act(closeWait(), rcv(['FIN', 'ACK'], REMOTE_ISS + 1, LOCAL_ISS + 1));
    expectTransition(r, 'close-wait-rcv-unacceptable');
    expect(sent(r)).toEqual([seg(['ACK'], LOCAL_ISS + 1, REMOTE_ISS + 2)]);
  });

  it(title('close-wait-timeout-delayed-ack', 'CLOSE-WAIT sends the delayed ACK of the FIN when the application does not close in time'), () => {
    const r = fireAtDeadline(closeWait({ delayedAck: 200 }), 'delayedAck');
    expectTransition(r, 'close-wait-timeout-delayed-ack');
    expect(sent(r)).toEqual([seg(['ACK'], LOCAL_ISS + 1, REMOTE_ISS + 2)]);
  });

  retransmissionTests('CLOSE-WAIT', () => drive(closeWait(), call('send', 10)), seg(['ACK'], LOCAL_ISS + 1, REMOTE_ISS + 2, 10), 'retries');
  synchronizedStateTests('CLOSE-WAIT', () => closeWait());
});

// =============================================================================================
// Tests for the CLOSING state.
describe('CLOSING', () => {
  it(title('closing-rcv-ack-of-fin', 'CLOSING enters TIME-WAIT when our FIN is acknowledged'), () => {
    const r = act(closing(), rcv(['ACK'], REMOTE_ISS + 2, LOCAL_ISS + 2), 300);
    expectTransition(r, 'closing-rcv-ack-of-fin');
    expect(r.tcb.timers).toEqual({ retransmission: null, timeWait: 300 + 2 * MSL, delayedAck: null });
  });

  it(title('closing-rcv-segment', 'CLOSING ignores an ACK that does not cover our FIN'), () => {
    const r = act(closing(), rcv(['ACK'], REMOTE_ISS + 2, LOCAL_ISS + 1));
    expectTransition(r, 'closing-rcv-segment');
    expect(r.outputs).toEqual([]);
    expect(r.tcb.state).toBe('CLOSING');
  });

  retransmissionTests('CLOSING', () => closing(), seg(['FIN', 'ACK'], LOCAL_ISS + 1, REMOTE_ISS + 2), 'retries');
  closingSideCallTests('CLOSING', () => closing());
  synchronizedStateTests('CLOSING', () => closing());
});

// =============================================================================================
// Tests for the LAST-ACK state.
describe('LAST-ACK', () => {
  it(title('last-ack-rcv-ack-of-fin', 'LAST-ACK deletes the TCB and enters CLOSED when our FIN is acknowledged (no TIME-WAIT)'), () => {
    const r = act(lastAck(), rcv(['ACK'], REMOTE_ISS + 2, LOCAL_ISS + 2));
    expectTransition(r, 'last-ack-rcv-ack-of-fin');
    expect(r.tcb.state).toBe('CLOSED');
    expect(nextTimer(r.tcb)).toBeNull();
  });

  it(title('last-ack-rcv-segment', 'LAST-ACK waits on after an ACK that does not cover our FIN'), () => {
    const r = act(lastAck(), rcv(['ACK'], REMOTE_ISS + 2, LOCAL_ISS + 1));
    expectTransition(r, 'last-ack-rcv-segment');
    expect(r.tcb.state).toBe('LAST-ACK');
  });

  retransmissionTests('LAST-ACK', () => lastAck(), seg(['FIN', 'ACK'], LOCAL_ISS + 1, REMOTE_ISS + 2), 'retries');
  closingSideCallTests('LAST-ACK', () => lastAck());
  synchronizedStateTests('LAST-ACK', () => lastAck());
});

// =============================================================================================
// Tests for the TIME-WAIT state.
describe('TIME-WAIT', () => {
  it(title('time-wait-rcv-fin', 'TIME-WAIT re-ACKs a retransmitted FIN and restarts the 2MSL timer'), () => {
    const t = timeWait();
    expect(t.timers.timeWait).toBe(2 * MSL);
    const r = act(t, rcv(['FIN', 'ACK'], REMOTE_ISS + 1, LOCAL_ISS + 2), 20_000);
    expectTransition(r, 'time-wait-rcv-fin');
    expect(sent(r)).toEqual([seg(['ACK'], LOCAL_ISS + 2, REMOTE_ISS + 2)]);
    expect(r.tcb.timers.timeWait).toBe(20_000 + 2 * MSL);
    expect(timerOutputs(r)).toEqual([
      { type: 'timer', name: 'timeWait', action: 'stop' },
      { type: 'timer', name: 'timeWait', action: 'start', duration: 2 * MSL },
    ]);
  });

  it(title('time-wait-rcv-segment', 'TIME-WAIT ignores an acceptable segment that is not a FIN'), () => {
    const r = act(timeWait(), rcv(['ACK'], REMOTE_ISS + 2, LOCAL_ISS + 2));
    expectTransition(r, 'time-wait-rcv-segment');
    expect(r.outputs).toEqual([]);
  });

  it(title('time-wait-timeout', 'TIME-WAIT deletes the TCB and enters CLOSED after 2MSL'), () => {
    const t = timeWait();
    const early = act(t, fire('timeWait'), 2 * MSL - 1);
    expect(early.transition).toBeNull();
    const r = act(t, fire('timeWait'), 2 * MSL);
    expectTransition(r, 'time-wait-timeout');
    expect(r.tcb.state).toBe('CLOSED');
    expect(r.outputs).toEqual([{ type: 'state', from: 'TIME-WAIT', to: 'CLOSED', cause: 'timeout 2MSL' }]);
  });

  closingSideCallTests('TIME-WAIT', () => timeWait());
  synchronizedStateTests('TIME-WAIT', () => timeWait());
});

// =============================================================================================
// Transitioning through multiple states: two endpoints joined by a lossless, instant wire.

interface Wire {
  a: Tcb;
  b: Tcb;
  now: number;
  /** "a>b SYN seq=1000 len=0" lines, in order. */
  log: string[];
  states: { a: State[]; b: State[] };
}

function wire(a: Tcb, b: Tcb): Wire {
  return { a, b, now: 0, log: [], states: { a: [a.state], b: [b.state] } };
}

/** Apply an input to one side, then deliver every segment until the wire is quiet. */
function exchange(w: Wire, side: 'a' | 'b', input: Input): void {
  const queue: Array<{ to: 'a' | 'b'; input: Input }> = [{ to: side, input }];
  while (queue.length > 0) {
    const { to, input: next } = queue.shift()!;
    const r = act(w[to], next, w.now);
    w[to] = r.tcb;
    if (r.tcb.state !== w.states[to].at(-1)) w.states[to].push(r.tcb.state);
    const other = to === 'a' ? 'b' : 'a';
    for (const s of sent(r)) {
      w.log.push(`${to}>${other} ${formatSegment(s)}`);
      queue.push({ to: other, input: { kind: 'segment', segment: s } });
    }
  }
}

/** Advance virtual time to the earliest timer of either side and fire it. */
function runTimers(w: Wire, until = Infinity): void {
  for (;;) {
    const ta = nextTimer(w.a);
    const tb = nextTimer(w.b);
    const next = ta && (!tb || ta.at <= tb.at) ? { side: 'a' as const, ...ta } : tb ? { side: 'b' as const, ...tb } : null;
    if (!next || next.at > until) return;
    w.now = next.at;
    exchange(w, next.side, fire(next.timer));
  }
}

describe('multiple states', () => {
  it('three-way handshake then normal close: the active closer alone waits in TIME-WAIT (Figures 6 and 12)', () => {
    const w = wire(closed(), listening({ iss: REMOTE_ISS }));
    exchange(w, 'a', call('connect'));
    exchange(w, 'a', call('close'));
    exchange(w, 'b', call('close'));
    expect(w.log).toEqual([
      'a>b SYN seq=1000 len=0',
      'b>a SYN,ACK seq=5000 ack=1001 len=0',
      'a>b ACK seq=1001 ack=5001 len=0',
      'a>b FIN,ACK seq=1001 ack=5001 len=0',
      'b>a ACK seq=5001 ack=1002 len=0',
      'b>a FIN,ACK seq=5001 ack=1002 len=0',
      'a>b ACK seq=1002 ack=5002 len=0',
    ]);
    expect(w.states.a).toEqual(['CLOSED', 'SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT']);
    expect(w.states.b).toEqual(['LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
    runTimers(w);
    expect(w.now).toBe(2 * MSL);
    expect(w.a.state).toBe('CLOSED');
  });

  it('simultaneous open: both SYN-SENT ends pass through SYN-RECEIVED to ESTABLISHED (Figure 7, MUST-10)', () => {
    let a = synSent();
    let b = synSent({ iss: REMOTE_ISS });
    // The two SYNs cross.
    const ra = act(a, rcv(['SYN'], REMOTE_ISS));
    const rb = act(b, rcv(['SYN'], LOCAL_ISS));
    expectTransition(ra, 'syn-sent-rcv-syn');
    a = ra.tcb;
    b = rb.tcb;
    // The two SYN,ACKs cross; each repeats its SYN just below the other's RCV.NXT.
    const fa = act(a, { kind: 'segment', segment: sent(rb)[0]! });
    const fb = act(b, { kind: 'segment', segment: sent(ra)[0]! });
    expectTransition(fa, 'syn-received-rcv-ack');
    expect(fa.tcb.state).toBe('ESTABLISHED');
    expect(fb.tcb.state).toBe('ESTABLISHED');
    expect(sent(fa)).toEqual([]);
  });

  it('simultaneous close: both ends pass through CLOSING to TIME-WAIT (Figure 13)', () => {
    let a = established();
    let b = drive(createEndpoint(config({ iss: REMOTE_ISS })), call('listen'), rcv(['SYN'], LOCAL_ISS), rcv(['ACK'], LOCAL_ISS + 1, REMOTE_ISS + 1));
    const ca = act(a, call('close'));
    const cb = act(b, call('close'));
    const fa = act(ca.tcb, { kind: 'segment', segment: sent(cb)[0]! });
    const fb = act(cb.tcb, { kind: 'segment', segment: sent(ca)[0]! });
    expect([fa.tcb.state, fb.tcb.state]).toEqual(['CLOSING', 'CLOSING']);
    a = act(fa.tcb, { kind: 'segment', segment: sent(fb)[0]! }).tcb;
    b = act(fb.tcb, { kind: 'segment', segment: sent(fa)[0]! }).tcb;
    expect([a.state, b.state]).toEqual(['TIME-WAIT', 'TIME-WAIT']);
  });

  it('three-segment close: a server with delayed ACK that closes promptly sends FIN,ACK once (§3.8.6.3)', () => {
    const w = wire(closed(), listening({ iss: REMOTE_ISS, delayedAck: 200 }));
    exchange(w, 'a', call('connect'));
    w.log = [];
    exchange(w, 'a', call('close'));
    w.now = 50;
    exchange(w, 'b', call('close'));
    expect(w.log).toEqual(['a>b FIN,ACK seq=1001 ack=5001 len=0', 'b>a FIN,ACK seq=5001 ack=1002 len=0', 'a>b ACK seq=1002 ack=5002 len=0']);
    // The client skipped FIN-WAIT-2: the FIN arrived with the ACK of its own FIN.
    expect(w.states.a.slice(-2)).toEqual(['FIN-WAIT-1', 'TIME-WAIT']);
  });

  it('old duplicate SYN: the client\'s RST sends the listener back to LISTEN, then the real SYN connects (Figure 8)', () => {
    const server = listening({ iss: REMOTE_ISS });
    const client = synSent();
    // An old SYN (seq 90) reaches the server first.
    const old = act(server, rcv(['SYN'], 90));
    const synAck = sent(old)[0]!;
    expect(synAck).toEqual(seg(['SYN', 'ACK'], REMOTE_ISS, 91));
    // The client in SYN-SENT sees an ACK of a SYN it never sent, and answers RST.
    const bad = act(client, { kind: 'segment', segment: synAck });
    expectTransition(bad, 'syn-sent-rcv-bad-ack');
    const rst = sent(bad)[0]!;
    expect(rst).toEqual(seg(['RST'], 91));
    const back = act(old.tcb, { kind: 'segment', segment: rst });
    expectTransition(back, 'syn-received-rcv-rst-passive');
    const fresh = act(back.tcb, rcv(['SYN'], LOCAL_ISS));
    expect(sent(fresh)).toEqual([seg(['SYN', 'ACK'], REMOTE_ISS, LOCAL_ISS + 1)]);
  });

  it('half-open connection: a crashed peer answers data with RST, which resets the survivor (Figures 9–10, §3.5.1)', () => {
    const survivor = established();
    const toCrashed = sent(act(survivor, call('send', 10)))[0]!;
    const rebooted = act(closed({ iss: REMOTE_ISS }), { kind: 'segment', segment: toCrashed });
    const rst = sent(rebooted)[0]!;
    expect(rst).toEqual(seg(['RST'], REMOTE_ISS + 1));
    const r = act(drive(survivor, call('send', 10)), { kind: 'segment', segment: rst });
    expect(r.tcb.state).toBe('CLOSED');
    expect(errors(r)).toEqual(['connection reset']);
  });

  it('a reconnecting crashed client gets a challenge ACK, answers it with an exact RST, and the stale side closes (RFC 5961 §4)', () => {
    const stale = established();
    const challenge = act(stale, rcv(['SYN'], 7000));
    const ack = sent(challenge)[0]!;
    const client = synSent({ iss: 7000 });
    const reply = act(client, { kind: 'segment', segment: ack });
    const rst = sent(reply)[0]!;
    expect(rst).toEqual(seg(['RST'], stale.rcvNxt));
    expect(act(stale, { kind: 'segment', segment: rst }).tcb.state).toBe('CLOSED');
  });

  it('lost final ACK: TIME-WAIT re-ACKs the retransmitted FIN and the passive closer reaches CLOSED (§3.3.2 TIME-WAIT)', () => {
    const w = wire(closed(), listening({ iss: REMOTE_ISS }));
    exchange(w, 'a', call('connect'));
    exchange(w, 'a', call('close'));
    // The server closes, and the client's final ACK is lost.
    const fin = act(w.b, call('close'));
    w.b = fin.tcb;
    const lostAck = act(w.a, { kind: 'segment', segment: sent(fin)[0]! });
    w.a = lostAck.tcb;
    expect(w.a.state).toBe('TIME-WAIT');
    // The server's RTO fires and its FIN is retransmitted to TIME-WAIT.
    w.now = w.b.timers.retransmission!;
    exchange(w, 'b', fire('retransmission'));
    expect(w.b.state).toBe('CLOSED');
    expect(w.a.timers.timeWait).toBe(w.now + 2 * MSL);
  });

  it('legalCalls lists exactly the calls that do not end in an error, in every state', () => {
    for (const [state, make] of Object.entries(FIXTURES)) {
      const t = make();
      expect(t.state).toBe(state);
      for (const name of ['listen', 'connect', 'send', 'close', 'abort'] as const) {
        const r = step(t, call(name, 10), 0);
        const refused = r.outputs.some((o) => o.type === 'error');
        expect(legalCalls(t).includes(name), `${state} ${name}`).toBe(!refused);
      }
    }
  });

  it('a timer that is not armed is ignored with a note', () => {
    const r = act(established(), fire('timeWait'));
    expect(r.transition).toBeNull();
    expect(r.outputs).toEqual([]);
    expect(r.note).toEqual({ code: 'timerNotArmed', params: { timer: 'timeWait' } });
    expect(noteEnglish(r.note!)).toBe('timeWait timer is not armed: ignored');
  });
});

// =============================================================================================
// Every transition of the machine has a named test above. Keep this last.
describe('coverage of the machine', () => {
  it('every transition id in the machine was asserted by a test in this file', () => {
    const missing = machine.transitions.map((t) => t.id).filter((id) => !asserted.has(id));
    expect(missing).toEqual([]);
  });
});
