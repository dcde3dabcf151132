/**
 * Simulator throughput (issue 2: "endpoint steps per second on one core, aim ≥ 1,000,000")
 * and the exhaustive check's time and state count.
 */
import { createEndpoint, step, type Tcb } from '../src/machine/endpoint';
import type { Input, Segment, State } from '../src/machine/types';
import { exhaustiveCheck } from '../src/simulator/exhaustive';
import type { Scenario } from '../src/simulator/scenario';
import { loadScenario, scenarioNames } from '../src/simulator/scenario-files';
import { Simulation, simulate } from '../src/simulator/simulate';
import { count, rate, time, type Bench, type Row } from './harness';

const seg = (flags: Segment['flags'], seq: number, ack: number | null, len = 0): Input => ({ kind: 'segment', segment: { flags, seq, ack, len } });

/**
 * Both endpoints' inputs for one connection: handshake, 1000 bytes client→server, normal close,
 * TIME-WAIT timeout. Each entry is [virtual time, input, state expected afterwards], so the bench
 * refuses to run if the reducer does not take this path (a loop of refused inputs would be fast and meaningless).
 */
const CLIENT: Array<[number, Input, State]> = [
  [0, { kind: 'call', call: 'connect' }, 'SYN-SENT'],
  [100, seg(['SYN', 'ACK'], 5000, 1001), 'ESTABLISHED'],
  [500, { kind: 'call', call: 'send', bytes: 1000 }, 'ESTABLISHED'],
  [600, seg(['ACK'], 5001, 2001), 'ESTABLISHED'],
  [1000, { kind: 'call', call: 'close' }, 'FIN-WAIT-1'],
  [1100, seg(['ACK'], 5001, 2002), 'FIN-WAIT-2'],
  [2050, seg(['FIN', 'ACK'], 5001, 2002), 'TIME-WAIT'],
  [12050, { kind: 'timer', timer: 'timeWait' }, 'CLOSED'],
];
const SERVER: Array<[number, Input, State]> = [
  [0, { kind: 'call', call: 'listen' }, 'LISTEN'],
  [50, seg(['SYN'], 1000, null), 'SYN-RECEIVED'],
  [150, seg(['ACK'], 1001, 5001), 'ESTABLISHED'],
  [550, seg(['ACK'], 1001, 5001, 1000), 'ESTABLISHED'],
  [1050, seg(['FIN', 'ACK'], 2001, 5001), 'CLOSE-WAIT'],
  [2000, { kind: 'call', call: 'close' }, 'LAST-ACK'],
  [2100, seg(['ACK'], 2002, 5002), 'CLOSED'],
];
const STEPS_PER_CONNECTION = CLIENT.length + SERVER.length;

function replay(start: Tcb, inputs: Array<[number, Input, State]>, check: boolean): Tcb {
  let tcb = start;
  for (const [now, input, expected] of inputs) {
    tcb = step(tcb, input, now).tcb;
    if (check && tcb.state !== expected) throw new Error(`bench path broken: expected ${expected} after ${JSON.stringify(input)}, got ${tcb.state}`);
  }
  return tcb;
}

const bench: Bench = {
  title: 'Simulator',
  run(): Row[] {
    const rows: Row[] = [];
    const base = { delay: 50, msl: 5000, rto: 1000, synRetries: 6, retries: 15, window: 65535, mss: 1460 };
    const client = createEndpoint({ ...base, iss: 1000 });
    const server = createEndpoint({ ...base, iss: 5000 });
    replay(client, CLIENT, true);
    replay(server, SERVER, true);

    let sink = 0;
    const reducer = rate(() => {
      sink += replay(client, CLIENT, false).sndNxt + replay(server, SERVER, false).rcvNxt;
    }, STEPS_PER_CONNECTION);
    rows.push({
      measure: 'reducer alone: endpoint steps per second',
      value: count(reducer.perSecond),
      detail: `best of 5 rounds (median ${count(reducer.median)}); ${STEPS_PER_CONNECTION} steps per open/data/close connection`,
    });

    const scenarios: Scenario[] = scenarioNames().map(loadScenario);
    const stepsPerPass = scenarios.reduce((sum, scenario) => {
      const simulation = new Simulation(scenario);
      simulation.run();
      return sum + simulation.happenings;
    }, 0);
    const whole = rate(() => {
      for (const scenario of scenarios) sink += simulate(scenario).events.length;
    }, scenarios.length);
    rows.push({
      measure: 'simulate(): whole scenarios per second',
      value: count(whole.perSecond),
      detail: `all ${scenarios.length} files in content/scenarios, full traces (median ${count(whole.median)})`,
    });
    rows.push({
      measure: 'simulate(): endpoint steps per second',
      value: count((whole.perSecond / scenarios.length) * stepsPerPass),
      detail: `${stepsPerPass} happenings (reducer steps, crashes) per pass, with queue and trace`,
    });
    const snapshots = rate(() => {
      for (const scenario of scenarios) sink += simulate(scenario, { snapshots: true }).events.length;
    }, scenarios.length);
    rows.push({ measure: 'simulate() with snapshots: scenarios per second', value: count(snapshots.perSecond), detail: 'what an island re-runs after an edit' });

    for (const faults of [1, 2, 3]) {
      exhaustiveCheck({ faults }); // warm-up
      const { result, ms } = time(() => exhaustiveCheck({ faults }));
      if (result.failures.length) throw new Error(`exhaustive check failed: ${JSON.stringify(result.failures[0])}`);
      rows.push({
        measure: `exhaustive check, ${faults} fault${faults > 1 ? 's' : ''} per path: time`,
        value: `${ms.toFixed(0)} ms`,
        detail: `${count(result.states)} distinct system states, ${result.terminal} terminal, ${result.starts.length} starts, 0 failures`,
      });
    }
    if (sink === 0.5) console.log(sink); // keep the work observable to the JIT
    return rows;
  },
};

export default bench;
