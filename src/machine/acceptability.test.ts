/**
 * Table 6 of RFC 9293 §3.10.7.4, the four cases of the segment acceptability test, row by row,
 * on an ESTABLISHED endpoint with a receive window of 0 and of 100 bytes.
 */
import { describe, expect, it } from 'vitest';
import { createEndpoint, step, type Tcb } from './endpoint';
import type { Flag, Input } from './types';

const LOCAL_ISS = 1000;
const REMOTE_ISS = 5000;
const RCV_NXT = REMOTE_ISS + 1;

function established(window: number): Tcb {
  const config = { iss: LOCAL_ISS, msl: 30_000, rto: 1000, synRetries: 6, retries: 15, window, mss: 1460 };
  let t = createEndpoint(config);
  t = step(t, { kind: 'call', call: 'connect' }, 0).tcb;
  t = step(t, { kind: 'segment', segment: { flags: ['SYN', 'ACK'], seq: REMOTE_ISS, ack: LOCAL_ISS + 1, len: 0, window: 65535 } }, 0).tcb;
  expect(t.state).toBe('ESTABLISHED');
  expect(t.rcvNxt).toBe(RCV_NXT);
  return t;
}
const segment = (seq: number, len: number, flags: Flag[] = ['ACK']): Input => ({
  kind: 'segment',
  segment: { flags, seq, ack: LOCAL_ISS + 1, len, window: 65535 },
});
/** Acceptable segments go on to the later checks; unacceptable ones take `established-rcv-unacceptable`. */
const accepted = (t: Tcb, input: Input) => step(t, input, 0).transition !== 'established-rcv-unacceptable';

describe('Table 6: segment acceptability tests (§3.10.7.4 first check)', () => {
  it('length 0, window 0: acceptable only when SEG.SEQ = RCV.NXT', () => {
    const t = established(0);
    expect(accepted(t, segment(RCV_NXT, 0))).toBe(true);
    expect(accepted(t, segment(RCV_NXT + 1, 0))).toBe(false);
    expect(accepted(t, segment(RCV_NXT - 1, 0))).toBe(false);
  });

  it('length 0, window > 0: acceptable when RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND', () => {
    const t = established(100);
    expect(accepted(t, segment(RCV_NXT, 0))).toBe(true);
    expect(accepted(t, segment(RCV_NXT + 99, 0))).toBe(true);
    expect(accepted(t, segment(RCV_NXT + 100, 0))).toBe(false);
    expect(accepted(t, segment(RCV_NXT - 1, 0))).toBe(false);
  });

  it('length > 0, window 0: never acceptable, not even at RCV.NXT', () => {
    const t = established(0);
    expect(accepted(t, segment(RCV_NXT, 10))).toBe(false);
  });

  it('length > 0, window > 0: acceptable when its first or its last octet is in the window', () => {
    const t = established(100);
    expect(accepted(t, segment(RCV_NXT + 90, 20)), 'first octet in, last beyond').toBe(true);
    expect(accepted(t, segment(RCV_NXT - 10, 20)), 'first octet old, last in').toBe(true);
    expect(accepted(t, segment(RCV_NXT - 10, 10)), 'entirely old').toBe(false);
    expect(accepted(t, segment(RCV_NXT + 100, 10)), 'entirely beyond the window').toBe(false);
  });

  it('an unacceptable segment is answered with <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and dropped', () => {
    const r = step(established(100), segment(RCV_NXT + 100, 10), 0);
    expect(r.outputs.filter((o) => o.type === 'send')).toEqual([
      { type: 'send', segment: { flags: ['ACK'], seq: LOCAL_ISS + 1, ack: RCV_NXT, len: 0, window: 100 } },
    ]);
    expect(r.outputs.some((o) => o.type === 'deliver')).toBe(false);
    expect(r.tcb.rcvNxt).toBe(RCV_NXT);
  });
});
