import { describe, expect, it } from 'vitest';
import { createEndpoint, step, type Tcb } from '../machine/endpoint';
import type { EndpointConfig, Input } from '../machine/types';
import { segmentChoices } from './explorer-segments';
import { rfcLink } from './rfc-link';

const CONFIG: EndpointConfig = { iss: 1000, msl: 30_000, rto: 1000, synRetries: 6, retries: 15, window: 65_535, mss: 1460 };

/** Drives one endpoint through the explorer's own menu, as a reader clicking would. */
function run(...events: string[]): Tcb {
  let tcb = createEndpoint(CONFIG);
  let now = 0;
  for (const event of events) {
    now += 100;
    const input: Input = ['listen', 'connect', 'close', 'abort'].includes(event)
      ? { kind: 'call', call: event as 'listen' }
      : { kind: 'segment', segment: segmentChoices(tcb).find((choice) => choice.id === event)!.segment };
    tcb = step(tcb, input, now).tcb;
  }
  return tcb;
}

function fire(tcb: Tcb, choice: string) {
  return step(tcb, { kind: 'segment', segment: segmentChoices(tcb).find((candidate) => candidate.id === choice)!.segment }, 10_000);
}

describe('the state explorer\'s segments mean what their labels say', () => {
  it('SYN-SENT: an acceptable SYN,ACK establishes, an unacceptable one is answered with RST, a RST,ACK of our SYN refuses', () => {
    const synSent = run('connect');
    expect(fire(synSent, 'syn-ack')).toMatchObject({ transition: 'syn-sent-rcv-syn-ack', tcb: { state: 'ESTABLISHED' } });
    const bad = fire(synSent, 'syn-ack-bad');
    expect(bad.tcb.state).toBe('SYN-SENT');
    expect(bad.outputs.some((output) => output.type === 'send' && output.segment.flags.includes('RST'))).toBe(true);
    expect(fire(synSent, 'rst-exact').tcb.state).toBe('CLOSED');
    expect(fire(synSent, 'syn')).toMatchObject({ transition: 'syn-sent-rcv-syn', tcb: { state: 'SYN-RECEIVED' } });
  });

  it('SYN-RECEIVED: the ACK of our SYN establishes', () => {
    expect(fire(run('listen', 'syn'), 'ack').tcb.state).toBe('ESTABLISHED');
  });

  it('ESTABLISHED: an exact RST resets, an in-window one draws a challenge ACK, an out-of-window one changes nothing; a FIN leads to CLOSE-WAIT', () => {
    const established = run('connect', 'syn-ack');
    expect(established.state).toBe('ESTABLISHED');
    expect(fire(established, 'rst-exact').tcb.state).toBe('CLOSED');
    const inWindow = fire(established, 'rst-in-window');
    expect(inWindow.tcb.state).toBe('ESTABLISHED');
    expect(inWindow.outputs).toContainEqual(expect.objectContaining({ type: 'send', segment: expect.objectContaining({ flags: ['ACK'] }) }));
    expect(fire(established, 'rst-out-of-window').tcb.state).toBe('ESTABLISHED');
    expect(fire(established, 'fin').tcb.state).toBe('CLOSE-WAIT');
    expect(fire(established, 'data').outputs.some((output) => output.type === 'deliver' && output.bytes === 100)).toBe(true);
  });

  it('FIN-WAIT-1: a FIN that does not ACK our FIN means CLOSING, one that does means TIME-WAIT, a bare ACK of it FIN-WAIT-2', () => {
    const finWait1 = run('connect', 'syn-ack', 'close');
    expect(finWait1.state).toBe('FIN-WAIT-1');
    expect(fire(finWait1, 'fin').tcb.state).toBe('CLOSING');
    expect(fire(finWait1, 'fin-ack').tcb.state).toBe('TIME-WAIT');
    expect(fire(finWait1, 'ack').tcb.state).toBe('FIN-WAIT-2');
  });
});

describe('RFC references as links', () => {
  it('links an RFC 9293 section and another RFC\'s section', () => {
    expect(rfcLink('3.10.7.4')).toEqual({ href: 'https://www.rfc-editor.org/rfc/rfc9293#section-3.10.7.4', text: 'RFC 9293 §3.10.7.4' });
    expect(rfcLink('RFC 5961 §4')).toEqual({ href: 'https://www.rfc-editor.org/rfc/rfc5961#section-4', text: 'RFC 5961 §4' });
    expect(rfcLink('somewhere')).toBeNull();
  });
});
