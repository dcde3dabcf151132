/**
 * The words of a transition record (guard, note) are what the reference tables and the explorer show
 * readers. These tests drive the reducer and check that the record it names says what just happened,
 * where an earlier wording promised something else (an RFC correctness audit, RFC 9293 §3.10.7).
 */
import { describe, expect, it } from 'vitest';
import { stateSlug, transitionById } from './definition';
import { createEndpoint, step, type Tcb } from './endpoint';
import type { EndpointConfig, Flag, Input, State } from './types';

const LOCAL_ISS = 100_000;
const REMOTE_ISS = 500_000;
const WINDOW = 65535;

const config = (overrides: Partial<EndpointConfig> = {}): EndpointConfig => ({
  iss: LOCAL_ISS,
  msl: 30_000,
  rto: 1000,
  synRetries: 6,
  retries: 15,
  window: WINDOW,
  mss: 1460,
  ...overrides,
});
const call = (name: 'listen' | 'connect' | 'send' | 'close'): Input => ({ kind: 'call', call: name });
const rcv = (flags: Flag[], seq: number, ack: number | null = null, len = 0): Input => ({
  kind: 'segment',
  segment: { flags, seq, ack, len, window: WINDOW },
});
const drive = (tcb: Tcb, ...inputs: Input[]): Tcb => inputs.reduce((t, input) => step(t, input, 0).tcb, tcb);

const established = () => drive(createEndpoint(config()), call('connect'), rcv(['SYN', 'ACK'], REMOTE_ISS, LOCAL_ISS + 1));
const finWait1 = () => drive(established(), call('close'));
const finWait2 = () => drive(finWait1(), rcv(['ACK'], REMOTE_ISS + 1, LOCAL_ISS + 2));
const closeWait = () => drive(established(), rcv(['FIN', 'ACK'], REMOTE_ISS + 1, LOCAL_ISS + 1));
const closing = () => drive(finWait1(), rcv(['FIN', 'ACK'], REMOTE_ISS + 1, LOCAL_ISS + 1));
const lastAck = () => drive(closeWait(), call('close'));
const timeWait = () => drive(finWait2(), rcv(['FIN', 'ACK'], REMOTE_ISS + 1, LOCAL_ISS + 2));

const SYNCHRONIZED: Array<[State, () => Tcb]> = [
  ['ESTABLISHED', established],
  ['FIN-WAIT-1', finWait1],
  ['FIN-WAIT-2', finWait2],
  ['CLOSE-WAIT', closeWait],
  ['CLOSING', closing],
  ['LAST-ACK', lastAck],
  ['TIME-WAIT', timeWait],
];

describe('a SYN in a synchronized state (§3.10.7.4 first and fourth checks, RFC 5961 §4)', () => {
  for (const [state, make] of SYNCHRONIZED) {
    it(`${state}: a SYN in the window takes rcv-syn, one outside it rcv-unacceptable, and the rcv-syn guard says so`, () => {
      const t = make();
      const inWindow = step(t, rcv(['SYN'], t.rcvNxt + 10), 0);
      const outside = step(t, rcv(['SYN'], t.rcvNxt + WINDOW + 10), 0);
      expect(inWindow.transition).toBe(`${stateSlug(state)}-rcv-syn`);
      expect(outside.transition).toBe(`${stateSlug(state)}-rcv-unacceptable`);
      const guard = transitionById(`${stateSlug(state)}-rcv-syn`).guard ?? '';
      expect(guard).not.toContain('whatever the sequence number');
      expect(guard).toContain('in the window');
    });
  }
});

describe('a segment whose ACK bit is off is dropped (§3.10.7.4 fifth check)', () => {
  for (const [state, make] of SYNCHRONIZED) {
    it(`${state}: the record it lands on says that the ACK bit is off`, () => {
      const t = make();
      const r = step(t, rcv(['FIN'], t.rcvNxt), 0);
      expect(r.tcb.state).toBe(state);
      expect(r.outputs.filter((o) => o.type === 'send')).toEqual([]);
      expect(transitionById(r.transition!).guard ?? '').toContain('ACK bit is off');
    });
  }
});

describe('an ACK older than SND.UNA − MAX.SND.WND (RFC 5961 §5, as §3.10.7.4 describes it)', () => {
  it('ESTABLISHED drops it, answers with an ACK, and the record it takes names that bound', () => {
    const r = step(established(), rcv(['ACK'], REMOTE_ISS + 1, LOCAL_ISS + 1 - WINDOW - 1), 0);
    expect(r.transition).toBe('established-rcv-unacceptable');
    expect(r.outputs.filter((o) => o.type === 'send')).toHaveLength(1);
    expect(transitionById('established-rcv-unacceptable').guard).toContain('MAX.SND.WND');
  });
});

describe('giving up on a SYN (§3.8.3, MUST-23)', () => {
  it('syn-sent-timeout-give-up: with RTO 1 s and 6 retries the SYN is given up before 3 minutes, and the record says so', () => {
    let t = drive(createEndpoint(config()), call('connect'));
    let at = 0;
    while (t.state === 'SYN-SENT') {
      at = t.timers.retransmission as number;
      t = step(t, { kind: 'timer', timer: 'retransmission' }, at).tcb;
    }
    expect(at).toBe(127_000);
    expect(at).toBeLessThan(180_000);
    expect(transitionById('syn-sent-timeout-give-up').note).toContain('MUST-23');
  });
});

describe('a second passive OPEN in LISTEN (§3.10.1)', () => {
  it('listen-listen: the record admits that §3.10.1 gives LISTEN no answer to a passive OPEN', () => {
    const r = step(drive(createEndpoint(config()), call('listen')), call('listen'), 0);
    expect(r.transition).toBe('listen-listen');
    expect(transitionById('listen-listen').note).toContain('only an active OPEN');
  });
});

describe('syn-received-rcv-ack: the ACK of our SYN is answered only when it carries data (§3.10.7.4 fifth and seventh steps)', () => {
  const synReceived = () => drive(createEndpoint(config()), call('listen'), rcv(['SYN'], REMOTE_ISS));
  it('a bare ACK completes the handshake and sends nothing', () => {
    const r = step(synReceived(), rcv(['ACK'], REMOTE_ISS + 1, LOCAL_ISS + 1), 0);
    expect(r.transition).toBe('syn-received-rcv-ack');
    expect(r.outputs.filter((o) => o.type === 'send')).toEqual([]);
  });
  it('an ACK with data is ACKed, as the record says', () => {
    const r = step(synReceived(), rcv(['ACK'], REMOTE_ISS + 1, LOCAL_ISS + 1, 10), 0);
    expect(r.transition).toBe('syn-received-rcv-ack');
    expect(r.outputs.filter((o) => o.type === 'send').map((o) => o.type === 'send' && o.segment)).toEqual([{ flags: ['ACK'], seq: LOCAL_ISS + 1, ack: REMOTE_ISS + 11, len: 0, window: WINDOW }]);
    expect(transitionById('syn-received-rcv-ack').sendTemplates).toEqual([{ flags: ['ACK'], seq: 'SND.NXT', ack: 'RCV.NXT', when: 'data-arrived', delay: 'if-configured', mayCarryData: true }]);
  });
});
