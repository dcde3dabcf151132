/**
 * Every scenario in content/scenarios/ against its expected trace.
 *
 * The expectations were written by working each scenario through RFC 9293 by hand (ISS 1000
 * for the client, 5000 for the server, 50 ms one-way delay, RTO 1 s, MSL 5 s so TIME-WAIT
 * lasts 10 s), not copied from the simulator's output. Each one lists:
 * - every state change of each endpoint with its time, as `STATE@t`;
 * - every segment put on the wire as `t sender FLAGS seq=… ack=… [len=…] [LOST]`,
 *   and forged segments as `t inject→receiver FLAGS seq=…`.
 */
import { describe, expect, it } from 'vitest';
import { formatFlags } from '../machine/format';
import { loadScenario, scenarioNames } from './scenario-files';
import { simulate } from './simulate';
import type { Trace } from './trace';

interface Expected {
  states: Record<string, string>;
  segments: string[];
}

/** The ladder of a trace in the notation of the expectations. */
function ladder(trace: Trace, names: string[]): Expected {
  const states: Record<string, string> = {};
  for (const name of names) {
    const changes = trace.events.filter((e) => e.type === 'state' && e.endpoint === name);
    states[name] = ['CLOSED', ...changes.map((e) => (e.type === 'state' ? `${e.to}@${e.t}` : ''))].join(' → ');
  }
  const lost = new Set(trace.events.filter((e) => e.type === 'drop').map((e) => (e.type === 'drop' ? e.id : -1)));
  const segments = trace.events.flatMap((e) => {
    if ((e.type !== 'send' && !(e.type === 'receive' && e.injected)) || !('segment' in e)) return [];
    const s = e.segment;
    const fields = `${formatFlags(s.flags)} seq=${s.seq}${s.ack === null ? '' : ` ack=${s.ack}`}${s.len ? ` len=${s.len}` : ''}`;
    if (e.type === 'receive') return [`${e.t} inject→${e.endpoint} ${fields}`];
    return [`${e.t} ${e.endpoint} ${fields}${lost.has(e.id) ? ' LOST' : ''}`];
  });
  return { states, segments };
}

const handshake = ['0 client SYN seq=1000', '50 server SYN,ACK seq=5000 ack=1001', '100 client ACK seq=1001 ack=5001'];
const clientOpened = 'CLOSED → SYN-SENT@0 → ESTABLISHED@100';
const serverOpened = 'CLOSED → LISTEN@0 → SYN-RECEIVED@50 → ESTABLISHED@150';

const EXPECTED: Record<string, Expected> = {
  // Figure 6, then Figure 12 with the client as the active closer.
  'normal-open-close': {
    states: {
      client: `${clientOpened} → FIN-WAIT-1@1000 → FIN-WAIT-2@1100 → TIME-WAIT@2050 → CLOSED@12050`,
      server: `${serverOpened} → CLOSE-WAIT@1050 → LAST-ACK@2000 → CLOSED@2100`,
    },
    segments: [
      ...handshake,
      '1000 client FIN,ACK seq=1001 ack=5001',
      '1050 server ACK seq=5001 ack=1002',
      '2000 server FIN,ACK seq=5001 ack=1002',
      '2050 client ACK seq=1002 ack=5002',
    ],
  },
  // 2000 bytes at MSS 1460 leave as 1460 + 540; each data byte takes one sequence number.
  'data-both-ways': {
    states: {
      client: `${clientOpened} → FIN-WAIT-1@1500 → FIN-WAIT-2@1600 → TIME-WAIT@2550 → CLOSED@12550`,
      server: `${serverOpened} → CLOSE-WAIT@1550 → LAST-ACK@2500 → CLOSED@2600`,
    },
    segments: [
      ...handshake,
      '500 client ACK seq=1001 ack=5001 len=1460',
      '500 client ACK seq=2461 ack=5001 len=540',
      '550 server ACK seq=5001 ack=2461',
      '550 server ACK seq=5001 ack=3001',
      '800 server ACK seq=5001 ack=3001 len=300',
      '850 client ACK seq=3001 ack=5301',
      '1500 client FIN,ACK seq=3001 ack=5301',
      '1550 server ACK seq=5301 ack=3002',
      '2500 server FIN,ACK seq=5301 ack=3002',
      '2550 client ACK seq=3002 ack=5302',
    ],
  },
  // Figure 7: SYNs cross; each SYN,ACK carries the sender's original ISS and ACKs the peer's SYN.
  'simultaneous-open': {
    states: {
      A: 'CLOSED → SYN-SENT@0 → SYN-RECEIVED@50 → ESTABLISHED@100',
      B: 'CLOSED → SYN-SENT@0 → SYN-RECEIVED@50 → ESTABLISHED@100',
    },
    segments: ['0 A SYN seq=1000', '0 B SYN seq=5000', '50 B SYN,ACK seq=5000 ack=1001', '50 A SYN,ACK seq=1000 ack=5001'],
  },
  // Figure 13: both FINs cross, both pass CLOSING, both pay TIME-WAIT.
  'simultaneous-close': {
    states: {
      A: 'CLOSED → SYN-SENT@0 → ESTABLISHED@100 → FIN-WAIT-1@1000 → CLOSING@1050 → TIME-WAIT@1100 → CLOSED@11100',
      B: 'CLOSED → LISTEN@0 → SYN-RECEIVED@50 → ESTABLISHED@150 → FIN-WAIT-1@1000 → CLOSING@1050 → TIME-WAIT@1100 → CLOSED@11100',
    },
    segments: [
      '0 A SYN seq=1000',
      '50 B SYN,ACK seq=5000 ack=1001',
      '100 A ACK seq=1001 ack=5001',
      '1000 A FIN,ACK seq=1001 ack=5001',
      '1000 B FIN,ACK seq=5001 ack=1001',
      '1050 B ACK seq=5002 ack=1002',
      '1050 A ACK seq=1002 ack=5002',
    ],
  },
  // The FIN's ACK waits (delayed ACK), the application closes 10 ms later: FIN,ACK. FIN-WAIT-1 → TIME-WAIT directly.
  'three-segment-close': {
    states: {
      client: `${clientOpened} → FIN-WAIT-1@1000 → TIME-WAIT@1110 → CLOSED@11110`,
      server: `${serverOpened} → CLOSE-WAIT@1050 → LAST-ACK@1060 → CLOSED@1160`,
    },
    segments: [...handshake, '1000 client FIN,ACK seq=1001 ack=5001', '1060 server FIN,ACK seq=5001 ack=1002', '1110 client ACK seq=1002 ack=5002'],
  },
  // The SYN is retransmitted unchanged after the initial RTO of 1 s.
  'lost-syn': {
    states: { client: 'CLOSED → SYN-SENT@0 → ESTABLISHED@1100', server: 'CLOSED → LISTEN@0 → SYN-RECEIVED@1050 → ESTABLISHED@1150' },
    segments: ['0 client SYN seq=1000 LOST', '1000 client SYN seq=1000', '1050 server SYN,ACK seq=5000 ack=1001', '1100 client ACK seq=1001 ack=5001'],
  },
  // The duplicate SYN fails SYN-RECEIVED's acceptability test (seq 1000 < RCV.NXT 1001): empty ACK,
  // which SYN-SENT drops (no SYN, no RST); the server's own RTO (50 + 1000 ms) resends SYN,ACK.
  'lost-syn-ack': {
    states: { client: 'CLOSED → SYN-SENT@0 → ESTABLISHED@1100', server: 'CLOSED → LISTEN@0 → SYN-RECEIVED@50 → ESTABLISHED@1150' },
    segments: [
      '0 client SYN seq=1000',
      '50 server SYN,ACK seq=5000 ack=1001 LOST',
      '1000 client SYN seq=1000',
      '1050 server ACK seq=5001 ack=1001',
      '1050 server SYN,ACK seq=5000 ack=1001',
      '1100 client ACK seq=1001 ack=5001',
    ],
  },
  // The first data segment's ACK field completes the handshake (§3.10.7.4 step 5 in SYN-RECEIVED).
  'lost-handshake-ack': {
    states: { client: clientOpened, server: 'CLOSED → LISTEN@0 → SYN-RECEIVED@50 → ESTABLISHED@550' },
    segments: [
      '0 client SYN seq=1000',
      '50 server SYN,ACK seq=5000 ack=1001',
      '100 client ACK seq=1001 ack=5001 LOST',
      '500 client ACK seq=1001 ack=5001 len=100',
      '550 server ACK seq=5001 ack=1101',
    ],
  },
  // The FIN is retransmitted from LAST-ACK; TIME-WAIT re-ACKs it and restarts 2MSL (3050 + 10000).
  'lost-final-ack': {
    states: {
      client: `${clientOpened} → FIN-WAIT-1@1000 → FIN-WAIT-2@1100 → TIME-WAIT@2050 → CLOSED@13050`,
      server: `${serverOpened} → CLOSE-WAIT@1050 → LAST-ACK@2000 → CLOSED@3100`,
    },
    segments: [
      ...handshake,
      '1000 client FIN,ACK seq=1001 ack=5001',
      '1050 server ACK seq=5001 ack=1002',
      '2000 server FIN,ACK seq=5001 ack=1002',
      '2050 client ACK seq=1002 ack=5002 LOST',
      '3000 server FIN,ACK seq=5001 ack=1002',
      '3050 client ACK seq=1002 ack=5002',
    ],
  },
  // FIN-WAIT-1 retransmits the FIN with the same sequence number after the RTO.
  'lost-fin': {
    states: {
      client: `${clientOpened} → FIN-WAIT-1@1000 → FIN-WAIT-2@2100 → TIME-WAIT@3050 → CLOSED@13050`,
      server: `${serverOpened} → CLOSE-WAIT@2050 → LAST-ACK@3000 → CLOSED@3100`,
    },
    segments: [
      ...handshake,
      '1000 client FIN,ACK seq=1001 ack=5001 LOST',
      '2000 client FIN,ACK seq=1001 ack=5001',
      '2050 server ACK seq=5001 ack=1002',
      '3000 server FIN,ACK seq=5001 ack=1002',
      '3050 client ACK seq=1002 ack=5002',
    ],
  },
  // §3.10.7.1: no ACK bit on the SYN, so <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
  'connection-refused': {
    states: { client: 'CLOSED → SYN-SENT@0 → CLOSED@100', server: 'CLOSED' },
    segments: ['0 client SYN seq=1000', '50 server RST,ACK seq=0 ack=1001'],
  },
  // §3.10.5: <SEQ=SND.NXT><CTL=RST>, straight to CLOSED; the peer accepts it (seq = RCV.NXT).
  'abort-established': {
    states: { client: `${clientOpened} → CLOSED@1000`, server: `${serverOpened} → CLOSED@1050` },
    segments: [...handshake, '1000 client RST seq=1001'],
  },
  // CLOSE-WAIT may still send; FIN-WAIT-2 still receives and ACKs.
  'half-close': {
    states: {
      client: `${clientOpened} → FIN-WAIT-1@1000 → FIN-WAIT-2@1100 → TIME-WAIT@2550 → CLOSED@12550`,
      server: `${serverOpened} → CLOSE-WAIT@1050 → LAST-ACK@2500 → CLOSED@2600`,
    },
    segments: [
      ...handshake,
      '1000 client FIN,ACK seq=1001 ack=5001',
      '1050 server ACK seq=5001 ack=1002',
      '1500 server ACK seq=5001 ack=1002 len=300',
      '1550 client ACK seq=1002 ack=5301',
      '2500 server FIN,ACK seq=5301 ack=1002',
      '2550 client ACK seq=1002 ack=5302',
    ],
  },
  // Figure 8, lines 2–8: SYN,ACK ack=901 is unacceptable in SYN-SENT → <SEQ=SEG.ACK><CTL=RST>;
  // the passive SYN-RECEIVED returns to LISTEN; the delayed real SYN then opens normally.
  'old-duplicate-syn': {
    states: {
      client: 'CLOSED → SYN-SENT@0 → ESTABLISHED@180',
      server: 'CLOSED → LISTEN@0 → SYN-RECEIVED@30 → LISTEN@130 → SYN-RECEIVED@130 → ESTABLISHED@230',
    },
    segments: [
      '0 client SYN seq=1000',
      '30 inject→server SYN seq=900',
      '30 server SYN,ACK seq=5000 ack=901',
      '80 client RST seq=901',
      '130 server SYN,ACK seq=5000 ack=1001',
      '180 client ACK seq=1001 ack=5001',
    ],
  },
  // Figure 10: the rebooted host answers data with <SEQ=SEG.ACK><CTL=RST>, which is exact (5001 = RCV.NXT).
  'half-open-crash': {
    states: { client: `${clientOpened} → CLOSED@2100`, server: `${serverOpened} → CLOSED@1000` },
    segments: [...handshake, '2000 client ACK seq=1001 ack=5001 len=100', '2050 server RST seq=5001'],
  },
  // seq = RCV.NXT: obeyed. The client learns only when its data meets the closed port.
  'rst-injection-exact': {
    states: { client: `${clientOpened} → CLOSED@2100`, server: `${serverOpened} → CLOSED@1000` },
    segments: [...handshake, '1000 inject→server RST seq=1001', '2000 client ACK seq=1001 ack=5001 len=100', '2050 server RST seq=5001'],
  },
  // In the window but not exact: challenge ACK <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>; the connection survives.
  'rst-injection-inexact': {
    states: { client: clientOpened, server: serverOpened },
    segments: [
      ...handshake,
      '1000 inject→server RST seq=1101',
      '1000 server ACK seq=5001 ack=1001',
      '2000 client ACK seq=1001 ack=5001 len=100',
      '2050 server ACK seq=5001 ack=1101',
    ],
  },
  // RTO 1 s doubling: sends at 0, 1, 3, 7, 15, 31, 63 s; gives up one RTO (64 s) after the sixth retry.
  'syn-retries-exhausted': {
    states: { client: 'CLOSED → SYN-SENT@0 → CLOSED@127000', server: 'CLOSED → LISTEN@0' },
    segments: [0, 1000, 3000, 7000, 15000, 31000, 63000].map((t) => `${t} client SYN seq=1000 LOST`),
  },
};

const files = scenarioNames();

describe('scenario files (content/scenarios)', () => {
  it('every scenario file has an expected trace here, and every expectation has a file', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it('every scenario file has a title and a description that cites RFC 9293 or a companion RFC', () => {
    for (const name of files) {
      const scenario = loadScenario(name);
      expect(scenario.title, name).toBeTruthy();
      expect(scenario.description, name).toMatch(/RFC \d+|§\d/);
    }
  });

  for (const name of Object.keys(EXPECTED)) {
    it(`${name}: state sequence of each endpoint and every segment's flags, seq and ack`, () => {
      const scenario = loadScenario(name);
      const trace = simulate(scenario);
      const names = Object.keys(scenario.endpoints);
      const expected = EXPECTED[name]!;
      expect(ladder(trace, names)).toEqual(expected);
      for (const endpoint of names) {
        expect(trace.final[endpoint], `final state of ${endpoint}`).toBe(expected.states[endpoint]!.split(' → ').at(-1)!.split('@')[0]);
      }
    });
  }

  it('is deterministic: simulating each scenario twice gives identical traces', () => {
    for (const name of files) {
      const scenario = loadScenario(name);
      expect(simulate(scenario, { snapshots: true }), name).toEqual(simulate(scenario, { snapshots: true }));
    }
  });
});

describe('what the scenarios show beyond their ladders', () => {
  it('lost-final-ack: TIME-WAIT restarts its 2MSL timer when it re-ACKs the retransmitted FIN (§3.10.7.4)', () => {
    const trace = simulate(loadScenario('lost-final-ack'));
    const timeWaitStarts = trace.events.filter((e) => e.endpoint === 'client' && e.type === 'timer' && e.name === 'timeWait' && e.action === 'start');
    expect(timeWaitStarts.map((e) => e.t)).toEqual([2050, 3050]);
  });

  it('three-segment-close: the server starts its delayed-ACK timer on the FIN and the FIN,ACK makes it unnecessary', () => {
    const trace = simulate(loadScenario('three-segment-close'));
    const delayed = trace.events.filter((e) => e.endpoint === 'server' && e.type === 'timer' && e.name === 'delayedAck');
    expect(delayed.map((e) => (e.type === 'timer' ? `${e.action}@${e.t}` : ''))).toEqual(['start@1050', 'stop@1060']);
    expect(delayed.some((e) => e.type === 'timer' && e.action === 'fire')).toBe(false);
  });

  it('half-open-crash: the crash sends nothing and the crashed host’s timers vanish', () => {
    const trace = simulate(loadScenario('half-open-crash'));
    const atCrash = trace.events.filter((e) => e.t === 1000);
    expect(atCrash.map((e) => e.type)).toEqual(['state']);
    expect(trace.events.some((e) => e.endpoint === 'server' && e.type === 'timer' && e.t > 1000)).toBe(false);
  });

  it('syn-retries-exhausted: the retransmission timeout doubles each time (RFC 6298 §5.5)', () => {
    const trace = simulate(loadScenario('syn-retries-exhausted'));
    const fires = trace.events.filter((e) => e.endpoint === 'client' && e.type === 'timer' && e.action === 'fire').map((e) => e.t);
    expect(fires).toEqual([1000, 3000, 7000, 15000, 31000, 63000, 127000]);
  });
});
