import { describe, expect, it } from 'vitest';
import { FIGURE_5_IDS, machine, stateSlug, transitionById } from './definition';
import { STATES, type State } from './types';

/** Section numbers of RFC 9293 that exist (table of contents plus the §3.10.7 and §3.8.6 subsections). */
const RFC_9293_SECTIONS = new Set(
  (
    '3.1 3.2 3.3 3.3.1 3.3.2 3.4 3.4.1 3.4.2 3.4.3 3.5 3.5.1 3.5.2 3.5.3 3.6 3.6.1 3.7 3.7.1 3.7.2 3.7.3 3.7.4 3.7.5 ' +
    '3.8 3.8.1 3.8.2 3.8.3 3.8.4 3.8.5 3.8.6 3.8.6.1 3.8.6.2 3.8.6.3 3.9 3.9.1 3.9.2 3.10 3.10.1 3.10.2 3.10.3 3.10.4 ' +
    '3.10.5 3.10.6 3.10.7 3.10.7.1 3.10.7.2 3.10.7.3 3.10.7.4 3.10.8'
  ).split(' '),
);

/** The edges RFC 9293 Figure 5 draws, read off the figure. */
const FIGURE_5_EDGES: Array<[State, State]> = [
  ['CLOSED', 'LISTEN'],
  ['CLOSED', 'SYN-SENT'],
  ['LISTEN', 'CLOSED'],
  ['LISTEN', 'SYN-RECEIVED'],
  ['LISTEN', 'SYN-SENT'],
  ['SYN-SENT', 'CLOSED'],
  ['SYN-SENT', 'SYN-RECEIVED'],
  ['SYN-SENT', 'ESTABLISHED'],
  ['SYN-RECEIVED', 'LISTEN'],
  ['SYN-RECEIVED', 'ESTABLISHED'],
  ['SYN-RECEIVED', 'FIN-WAIT-1'],
  ['ESTABLISHED', 'FIN-WAIT-1'],
  ['ESTABLISHED', 'CLOSE-WAIT'],
  ['FIN-WAIT-1', 'FIN-WAIT-2'],
  ['FIN-WAIT-1', 'CLOSING'],
  ['FIN-WAIT-2', 'TIME-WAIT'],
  ['CLOSE-WAIT', 'LAST-ACK'],
  ['CLOSING', 'TIME-WAIT'],
  ['LAST-ACK', 'CLOSED'],
  ['TIME-WAIT', 'CLOSED'],
];

describe('states', () => {
  it('lists the 11 states of §3.3.2 in Figure 5 order', () => {
    expect(machine.states.map((s) => s.name)).toEqual([...STATES]);
  });

  it('gives the names ss and netstat print for each state (iproute2 ss.c, net-tools netstat.c)', () => {
    const names = Object.fromEntries(machine.states.map((s) => [s.name, [s.ss, s.netstat]]));
    expect(names).toEqual({
      CLOSED: ['UNCONN', 'CLOSE'],
      LISTEN: ['LISTEN', 'LISTEN'],
      'SYN-SENT': ['SYN-SENT', 'SYN_SENT'],
      'SYN-RECEIVED': ['SYN-RECV', 'SYN_RECV'],
      ESTABLISHED: ['ESTAB', 'ESTABLISHED'],
      'FIN-WAIT-1': ['FIN-WAIT-1', 'FIN_WAIT1'],
      'FIN-WAIT-2': ['FIN-WAIT-2', 'FIN_WAIT2'],
      'CLOSE-WAIT': ['CLOSE-WAIT', 'CLOSE_WAIT'],
      CLOSING: ['CLOSING', 'CLOSING'],
      'LAST-ACK': ['LAST-ACK', 'LAST_ACK'],
      'TIME-WAIT': ['TIME-WAIT', 'TIME_WAIT'],
    });
  });

  it('marks only the states after the handshake as synchronized (§3.5)', () => {
    const synchronized = machine.states.filter((s) => s.synchronized).map((s) => s.name);
    expect(synchronized).toEqual(['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT']);
  });
});

describe('transitions', () => {
  it('have unique kebab-case ids that start with their source state', () => {
    const ids = machine.transitions.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of machine.transitions) {
      expect(t.id, t.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(t.id.startsWith(`${stateSlug(t.from)}-`), t.id).toBe(true);
    }
  });

  it('go between the 11 states and cite a section of RFC 9293 that exists', () => {
    for (const t of machine.transitions) {
      expect(STATES, t.id).toContain(t.from);
      expect(STATES, t.id).toContain(t.to);
      expect(RFC_9293_SECTIONS.has(t.rfc), `${t.id}: rfc "${t.rfc}"`).toBe(true);
      expect(['call', 'segment', 'timer'], t.id).toContain(t.kind);
      expect(t.event.length, t.id).toBeGreaterThan(0);
    }
  });

  it('are grouped by source state in Figure 5 order', () => {
    const order = machine.transitions.map((t) => STATES.indexOf(t.from));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('mark every edge Figure 5 does not draw, and draw every edge it does', () => {
    const drawn = machine.transitions.filter((t) => !t.notInFigure5);
    expect(drawn.map((t) => t.id).sort()).toEqual([...FIGURE_5_IDS].sort());
    expect(drawn.map((t) => [t.from, t.to]).sort()).toEqual([...FIGURE_5_EDGES].sort());
  });

  it('answer SEND, CLOSE, ABORT and OPEN in every state (§3.10.1–§3.10.5)', () => {
    for (const state of STATES) {
      const calls = machine.transitions.filter((t) => t.from === state && t.kind === 'call');
      const events = calls.map((t) => t.event).join(' | ');
      for (const word of ['SEND', 'CLOSE', 'ABORT', 'OPEN']) expect(events, state).toContain(word);
    }
  });

  it('include the edges tutorials omit (issue 2)', () => {
    const edge = (id: string) => {
      const t = transitionById(id);
      return `${t.from} -> ${t.to}`;
    };
    expect(edge('syn-sent-rcv-syn')).toBe('SYN-SENT -> SYN-RECEIVED');
    expect(edge('fin-wait-1-rcv-fin')).toBe('FIN-WAIT-1 -> CLOSING');
    expect(edge('closing-rcv-ack-of-fin')).toBe('CLOSING -> TIME-WAIT');
    expect(edge('fin-wait-1-rcv-fin-ack-of-fin')).toBe('FIN-WAIT-1 -> TIME-WAIT');
    expect(edge('syn-received-rcv-rst-passive')).toBe('SYN-RECEIVED -> LISTEN');
    expect(edge('syn-received-rcv-rst-active')).toBe('SYN-RECEIVED -> CLOSED');
    expect(edge('syn-received-close')).toBe('SYN-RECEIVED -> FIN-WAIT-1');
    expect(edge('syn-received-rcv-fin')).toBe('SYN-RECEIVED -> CLOSE-WAIT');
    expect(edge('listen-send')).toBe('LISTEN -> SYN-SENT');
    expect(edge('time-wait-rcv-fin')).toBe('TIME-WAIT -> TIME-WAIT');
    expect(edge('closed-rcv-segment')).toBe('CLOSED -> CLOSED');
    expect(edge('listen-rcv-ack')).toBe('LISTEN -> LISTEN');
    expect(edge('established-rcv-syn')).toBe('ESTABLISHED -> ESTABLISHED');
    expect(edge('established-rcv-rst-inexact')).toBe('ESTABLISHED -> ESTABLISHED');
    expect(edge('syn-sent-timeout-give-up')).toBe('SYN-SENT -> CLOSED');
  });

  it('tell which ABORTs send a RST (§3.10.5)', () => {
    const withRst = machine.transitions.filter((t) => t.event === 'ABORT' && t.sends.includes('RST')).map((t) => t.from);
    expect(withRst).toEqual(['SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT']);
  });

  it('serialise to JSON and back unchanged', () => {
    expect(JSON.parse(JSON.stringify(machine))).toEqual(machine);
  });
});

describe('transitionById', () => {
  it('finds a record by id', () => {
    expect(transitionById('time-wait-timeout')).toMatchObject({ from: 'TIME-WAIT', to: 'CLOSED', rfc: '3.10.8' });
  });

  it('names the unknown id in its error', () => {
    expect(() => transitionById('time-wait-nap')).toThrow('unknown transition id "time-wait-nap"');
  });
});
