import type { Call, State, TimerName } from '../machine/types';
import { createEndpoint, legalCalls, type Tcb } from '../machine/endpoint';
import { endpointConfig, parseScenario, type Scenario } from '../simulator/scenario';
import { simulate } from '../simulator/simulate';
import type { EndpointSnapshot, Trace, TraceEvent } from '../simulator/trace';
import { applyEdits, type Edit } from './edits';
import { timeAtStep } from './ladder';
import type { DecodedSetup, Setup } from './permalink';
import { DEFAULT_SCENARIO, endpointNames, loadScenario } from './scenarios';

/**
 * One simulator session: a scenario from `content/scenarios/`, the reader's edits, and a position in the trace.
 * Pure data in, pure data out (no DOM), so the same rules serve the island, the quiz's "run it" links and the tests.
 * A step is one trace event: step n shows the first n events.
 */
export interface Session {
  /** The setup actually shown, after unknown or unusable parts of the request were set aside. */
  setup: Setup;
  /** The scenario with the edits applied, as simulated. */
  scenario: Scenario;
  names: [string, string];
  trace: Trace;
  /** Why part of the request was not used, in words for the reader. Empty when everything was. */
  problems: string[];
}

export function openSession(request: DecodedSetup | Setup): Session {
  const problems = 'problems' in request ? [...request.problems] : [];
  let name = request.scenario ?? DEFAULT_SCENARIO;
  let base: Scenario | null;
  try {
    base = loadScenario(name);
    if (!base) {
      problems.push(`Unknown scenario "${name}"; showing ${DEFAULT_SCENARIO}.`);
    }
  } catch (error) {
    problems.push(`Scenario "${name}" could not be read (${messageOf(error)}); showing ${DEFAULT_SCENARIO}.`);
    base = null;
  }
  if (!base) {
    name = DEFAULT_SCENARIO;
    base = loadScenario(name)!;
  }
  const names = endpointNames(base);

  const edits = request.edits.filter((edit) => {
    const endpoint = edit.kind === 'drop' ? edit.from : edit.endpoint;
    if (names.includes(endpoint)) return true;
    problems.push(`An edit names endpoint "${endpoint}", which ${name} does not have (it has ${names.join(' and ')}); ignored.`);
    return false;
  });

  let run = runScenario(base, edits);
  if (typeof run === 'string') {
    problems.push(`The edits could not be applied (${run}); showing ${name} as written.`);
    edits.length = 0;
    run = runScenario(base, []);
    if (typeof run === 'string') throw new Error(`content/scenarios/${name}.json cannot be simulated: ${run}`);
  }
  const { scenario, trace } = run;

  const total = trace.events.length;
  let step = request.step ?? 0;
  if (step > total) {
    problems.push(`Step ${step} is past the end of ${name} (${total} steps); showing the last step.`);
    step = total;
  }
  return { setup: { scenario: name, edits, step }, scenario, names, trace, problems };
}

function runScenario(base: Scenario, edits: readonly Edit[]): { scenario: Scenario; trace: Trace } | string {
  try {
    // Re-validated because an edit comes from a URL anyone can type (send0@-5, a call at an absurd time).
    const scenario = edits.length ? parseScenario(applyEdits(base, edits), 'the edits') : base;
    return { scenario, trace: simulate(scenario, { snapshots: true }) };
  } catch (error) {
    return messageOf(error);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The same session at another step (clamped to the trace). */
export function atStep(session: Session, step: number): Session {
  const clamped = Math.max(0, Math.min(step, session.trace.events.length));
  return { ...session, setup: { ...session.setup, step: clamped }, problems: [] };
}

/**
 * The session after the reader makes `call` on `endpoint` at the current moment. The call is placed at the time
 * of the last event shown, or one millisecond later if placing it there would change what was already shown,
 * and the position moves to just after the call's immediate effects.
 */
export function withCall(session: Session, endpoint: string, call: Call, bytes?: number): Session {
  const { step } = session.setup;
  const now = timeAtStep(session.trace.events, step);
  const shown = JSON.stringify(session.trace.events.slice(0, step));
  let next: Session | null = null;
  for (const at of [now, now + 1]) {
    const edit: Edit = { kind: 'call', endpoint, call, at, ...(call === 'send' ? { bytes: bytes ?? 100 } : {}) };
    const candidate = openSession({ scenario: session.setup.scenario, edits: [...session.setup.edits, edit], step: 0 });
    next = candidate;
    if (JSON.stringify(candidate.trace.events.slice(0, step)) === shown) break;
  }
  const session2 = next!;
  const at = (session2.setup.edits.at(-1) as Extract<Edit, { kind: 'call' }> | undefined)?.at ?? now;
  const reached = session2.trace.events.filter((event) => event.t <= at).length;
  return { ...session2, setup: { ...session2.setup, step: Math.max(step, reached) } };
}

/** The session after the reader asks the network to lose the next segment `from` sends after the current step. */
export function withDropOfNext(session: Session, from: string): Session {
  const { step, edits, scenario: name } = session.setup;
  const nth = session.trace.events.slice(0, step).filter((event) => event.type === 'send' && event.endpoint === from).length + 1;
  if (edits.some((edit) => edit.kind === 'drop' && edit.from === from && edit.nth === nth)) return session;
  const next = openSession({ scenario: name, edits: [...edits, { kind: 'drop', from, nth }], step });
  return next;
}

export interface RunningTimer {
  name: TimerName;
  startedAt: number;
  deadline: number;
}

export interface EndpointView {
  name: string;
  state: State;
  /** The TCB's sequence variables after the last event of this endpoint shown; null before it has a TCB. */
  numbers: { iss: number; irs: number | null; sndUna: number; sndNxt: number; rcvNxt: number } | null;
  timers: RunningTimer[];
  /** The last state change shown, for the announcement. */
  lastChange: Extract<TraceEvent, { type: 'state' }> | null;
}

/** Each endpoint as it is after the first `step` events: its state, TCB numbers and running timers. */
export function endpointViews(session: Session, step = session.setup.step): [EndpointView, EndpointView] {
  const shown = session.trace.events.slice(0, step);
  const view = (name: string): EndpointView => {
    let state: State = 'CLOSED';
    let lastChange: EndpointView['lastChange'] = null;
    let snapshot: TraceEvent['snapshot'] | undefined;
    const startedAt = new Map<TimerName, number>();
    for (const event of shown) {
      if (event.endpoint !== name) continue;
      if (event.snapshot) snapshot = event.snapshot;
      if (event.type === 'state') {
        state = event.to;
        lastChange = event;
      }
      if (event.type === 'timer' && event.action === 'start') startedAt.set(event.name, event.t);
    }
    const timers: RunningTimer[] = [];
    if (snapshot) {
      for (const [timer, deadline] of Object.entries(snapshot.timers ?? {}) as Array<[TimerName, number | null]>) {
        if (typeof deadline === 'number') timers.push({ name: timer, startedAt: startedAt.get(timer) ?? deadline, deadline });
      }
    }
    const hasTcb = snapshot && state !== 'CLOSED';
    return {
      name,
      state,
      numbers: hasTcb
        ? { iss: snapshot!.iss, irs: snapshot!.irs, sndUna: snapshot!.sndUna, sndNxt: snapshot!.sndNxt, rcvNxt: snapshot!.rcvNxt }
        : null,
      timers: state === 'CLOSED' ? [] : timers,
      lastChange,
    };
  };
  return [view(session.names[0]), view(session.names[1])];
}

/**
 * The buttons to offer for `name` at the current step: the calls the machine accepts without an error in the
 * endpoint's state (`legalCalls`), plus `crash` while it has a connection to lose.
 */
export function availableCalls(session: Session, name: string): Call[] {
  const events = session.trace.events.slice(0, session.setup.step);
  let snapshot: EndpointSnapshot | undefined;
  for (const event of events) if (event.endpoint === name && event.snapshot) snapshot = event.snapshot;
  const tcb: Tcb = { ...createEndpoint(endpointConfig(session.scenario, name)), ...(snapshot ?? {}) };
  const calls: Call[] = legalCalls(tcb);
  if (tcb.state !== 'CLOSED') calls.push('crash');
  return calls;
}
