/**
 * The exhaustive check of the two-endpoint system (issue 2): from every start
 * (listen/connect, connect/connect), with every single segment dropped, duplicated or
 * delayed past the next, both endpoints always end CLOSED after their timers, or
 * ESTABLISHED/ESTABLISHED where no close was asked. Never stuck.
 *
 * It is a breadth-first search over system states: both TCBs, the segments in flight,
 * the held-back segments and the scenario steps still to come, with every time taken
 * relative to now so that equal futures hash equal. From each state the successors are
 * the next happening with every segment it sends delivered, plus, while the fault budget
 * lasts, one successor per (segment sent, fault). Faults are:
 * - drop: the segment is lost;
 * - duplicate: a copy arrives right after the original;
 * - late duplicate: a copy arrives after the sender's next segment (an old duplicate);
 * - delay: the segment itself arrives after the sender's next segment (reordering).
 */
import { DEFAULT_OPTIONS, type Scenario, type Step } from './scenario';
import { Simulation, SimulationError, type Fate } from './simulate';
import { formatSegment } from '../machine/format';
import type { Call, State } from '../machine/types';

export type Expectation = 'closed' | 'established';

export interface Start {
  name: string;
  scenario: Scenario;
  /** `closed`: both end CLOSED; `established`: both end ESTABLISHED (no close was asked). */
  expect: Expectation;
}

export interface Failure {
  start: string;
  /** The faults injected on the way, e.g. ["drop client's segment 3 (FIN,ACK seq=1001)"]. */
  faults: string[];
  final: Record<string, State> | null;
  problem: string;
}

export interface StartReport {
  start: string;
  expect: Expectation;
  /** Distinct system states reached (canonical, times relative to now). */
  states: number;
  /** Of those, states where nothing was left to happen. */
  terminal: number;
  failures: Failure[];
}

export interface ExhaustiveReport {
  faults: number;
  states: number;
  terminal: number;
  starts: StartReport[];
  failures: Failure[];
  milliseconds: number;
}

const FAULTS: Array<{ label: string; fate: Fate }> = [
  { label: 'drop', fate: { kind: 'drop', why: 'dropped by the exhaustive check' } },
  { label: 'duplicate', fate: { kind: 'duplicate', extraDelay: 0 } },
  { label: 'late duplicate of', fate: { kind: 'duplicate' } },
  { label: 'delay past the next', fate: { kind: 'reorder' } },
];

const DELIVER: Fate = { kind: 'deliver' };

function scenarioOf(steps: Step[], endpoints: [string, string], delayedAck?: { endpoint: string; ms: number }): Scenario {
  const specs: Scenario['endpoints'] = { [endpoints[0]]: { iss: 1000 }, [endpoints[1]]: { iss: 5000 } };
  if (delayedAck) specs[delayedAck.endpoint]!.delayedAck = delayedAck.ms;
  return {
    // A short MSL keeps TIME-WAIT short; nothing else depends on its length.
    options: { ...DEFAULT_OPTIONS, msl: 2000 },
    endpoints: specs,
    network: { drop: [], duplicate: [], reorder: [], lossRate: 0, seed: 1 },
    steps,
  };
}

const call = (at: number, endpoint: string, name: Call, bytes?: number): Step =>
  bytes === undefined ? { at, endpoint, call: name } : { at, endpoint, call: name, bytes };

/**
 * The starts. Calls come late enough that any single fault has been repaired before them
 * (the first retransmission comes after 1 s), so "a close was asked" means a close of an open connection.
 */
export const STARTS: Start[] = [
  {
    name: 'listen/connect, no close',
    expect: 'established',
    scenario: scenarioOf([call(0, 'server', 'listen'), call(0, 'client', 'connect')], ['client', 'server']),
  },
  {
    name: 'listen/connect, data both ways, client closes first',
    expect: 'closed',
    scenario: scenarioOf(
      [
        call(0, 'server', 'listen'),
        call(0, 'client', 'connect'),
        call(4000, 'client', 'send', 2000),
        call(4000, 'server', 'send', 200),
        call(8000, 'client', 'close'),
        call(12000, 'server', 'close'),
      ],
      ['client', 'server'],
    ),
  },
  {
    name: 'listen/connect, server closes first',
    expect: 'closed',
    scenario: scenarioOf(
      [call(0, 'server', 'listen'), call(0, 'client', 'connect'), call(4000, 'server', 'close'), call(8000, 'client', 'close')],
      ['client', 'server'],
    ),
  },
  {
    name: 'listen/connect, both close at once',
    expect: 'closed',
    scenario: scenarioOf(
      [call(0, 'server', 'listen'), call(0, 'client', 'connect'), call(4000, 'client', 'close'), call(4000, 'server', 'close')],
      ['client', 'server'],
    ),
  },
  {
    name: 'listen/connect, delayed ACK, server closes soon after the FIN',
    expect: 'closed',
    scenario: scenarioOf(
      [call(0, 'server', 'listen'), call(0, 'client', 'connect'), call(4000, 'client', 'close'), call(4060, 'server', 'close')],
      ['client', 'server'],
      { endpoint: 'server', ms: 200 },
    ),
  },
  {
    name: 'listen/connect, client sends 3000 bytes and closes at once (FIN queued behind data)',
    expect: 'closed',
    scenario: scenarioOf(
      [call(0, 'server', 'listen'), call(0, 'client', 'connect'), call(4000, 'client', 'send', 3000), call(4000, 'client', 'close'), call(12000, 'server', 'close')],
      ['client', 'server'],
    ),
  },
  {
    name: 'connect/connect, no close',
    expect: 'established',
    scenario: scenarioOf([call(0, 'A', 'connect'), call(0, 'B', 'connect')], ['A', 'B']),
  },
  {
    name: 'connect/connect, both close',
    expect: 'closed',
    scenario: scenarioOf([call(0, 'A', 'connect'), call(0, 'B', 'connect'), call(4000, 'A', 'close'), call(8000, 'B', 'close')], ['A', 'B']),
  },
  {
    name: 'connect/connect, delayed ACK, both close at once',
    expect: 'closed',
    scenario: scenarioOf([call(0, 'A', 'connect'), call(0, 'B', 'connect'), call(4000, 'A', 'close'), call(4000, 'B', 'close')], ['A', 'B'], {
      endpoint: 'B',
      ms: 200,
    }),
  },
];

interface Node {
  simulation: Simulation;
  budget: number;
  faults: string[];
}

/** Explores one start breadth-first; `faults` is the number of faults allowed on one path. */
export function exploreStart(start: Start, faults = 1, maxStates = 2_000_000): StartReport {
  const report: StartReport = { start: start.name, expect: start.expect, states: 0, terminal: 0, failures: [] };
  const seen = new Set<string>();
  const frontier: Node[] = [];
  let head = 0;

  const visit = (node: Node) => {
    const key = `${node.budget}|${JSON.stringify(node.simulation.systemState())}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (seen.size > maxStates) throw new SimulationError(`more than ${maxStates} system states from "${start.name}"`);
    frontier.push(node);
  };
  const fail = (node: Node, problem: string, final: Record<string, State> | null) =>
    report.failures.push({ start: start.name, faults: node.faults, final, problem });

  visit({ simulation: new Simulation(start.scenario).quiet(), budget: faults, faults: [] });

  while (head < frontier.length) {
    const node = frontier[head]!;
    frontier[head++] = undefined as unknown as Node; // let explored simulations be collected

    if (node.simulation.done) {
      report.terminal++;
      const final = node.simulation.trace().final;
      const wanted: State = start.expect === 'closed' ? 'CLOSED' : 'ESTABLISHED';
      const [a, b] = node.simulation.names;
      if (final[a] !== wanted || final[b] !== wanted) {
        fail(node, `ended ${final[a]}/${final[b]} with nothing left to happen; expected ${wanted}/${wanted}`, final);
      }
      continue;
    }

    const fateless = node.simulation.clone();
    let sends = 0;
    try {
      fateless.advance(() => (sends++, DELIVER));
    } catch (error) {
      if (!(error instanceof SimulationError)) throw error;
      fail(node, error.message, null);
      continue;
    }
    visit({ simulation: fateless, budget: node.budget, faults: node.faults });
    if (node.budget === 0) continue;
    for (let target = 0; target < sends; target++) {
      for (const { label, fate } of FAULTS) {
        let description = '';
        const simulation = node.simulation.clone();
        let index = 0;
        try {
          simulation.advance((from, _nth, segment) => {
            if (index++ !== target) return DELIVER;
            description = `${label} ${from}'s ${formatSegment(segment)} at ${simulation.now} ms`;
            return fate;
          });
        } catch (error) {
          if (!(error instanceof SimulationError)) throw error;
          fail(node, error.message, null);
          continue;
        }
        visit({ simulation, budget: node.budget - 1, faults: [...node.faults, description] });
      }
    }
  }
  report.states = seen.size;
  return report;
}

/** Runs every start; the report says how many system states were explored and lists any failure. */
export function exhaustiveCheck(options: { faults?: number; starts?: Start[] } = {}): ExhaustiveReport {
  const faults = options.faults ?? 1;
  const began = performance.now();
  const starts = (options.starts ?? STARTS).map((start) => exploreStart(start, faults));
  return {
    faults,
    states: starts.reduce((sum, s) => sum + s.states, 0),
    terminal: starts.reduce((sum, s) => sum + s.terminal, 0),
    starts,
    failures: starts.flatMap((s) => s.failures),
    milliseconds: performance.now() - began,
  };
}
