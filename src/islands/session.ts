import { problem, type Problem } from './problem';
import { createEndpoint, legalCalls, type Tcb } from '../machine/endpoint';
import type { Call, State, TimerName } from '../machine/types';
import { endpointConfig, parseScenario, type Scenario } from '../simulator/scenario';
import { simulate } from '../simulator/simulate';
import type { EndpointSnapshot, Trace, TraceEvent } from '../simulator/trace';
import { applyEdits, type Edit } from './edits';
import { timeAfter } from './ladder';
import type { DecodedSetup, Setup } from './permalink';
import { DEFAULT_SCENARIO, endpointNames, loadScenario } from './scenario-registry';
import { stepEnds } from './steps';

/**
 * One simulator session: a scenario from `content/scenarios/`, the reader's edits, and a position in the trace.
 * Pure data in, pure data out (no DOM), so the same rules serve the island, the quiz's "Run it" links and the tests.
 * A step is one reaction of one endpoint (see steps.ts): step n shows the first n of them.
 */
export interface Session {
  /** The setup actually shown, after unknown or unusable parts of the request were set aside. */
  setup: Setup;
  /** The scenario with the edits applied, as simulated. */
  scenario: Scenario;
  names: [string, string];
  trace: Trace;
  /** `ends[k]` is how many trace events have happened after step k + 1. */
  ends: number[];
  /** Why part of the request was not used, for the reader. Empty when everything was. */
  problems: Problem[];
}

export function openSession(request: DecodedSetup | Setup): Session {
  const problems = 'problems' in request ? [...request.problems] : [];
  let name = request.scenario ?? DEFAULT_SCENARIO;
  let base: Scenario | null;
  try {
    base = loadScenario(name);
    if (!base) problems.push(problem('unknownScenario', { name, fallback: DEFAULT_SCENARIO }, `Unknown scenario "${name}"; showing ${DEFAULT_SCENARIO}.`));
  } catch (error) {
    const reason = messageOf(error);
    problems.push(problem('unreadableScenario', { name, reason, fallback: DEFAULT_SCENARIO }, `Scenario "${name}" could not be read (${reason}); showing ${DEFAULT_SCENARIO}.`));
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
    const [a = '', b = ''] = names;
    problems.push(problem('unknownEndpoint', { endpoint, name, a, b }, `An edit names endpoint "${endpoint}", which ${name} does not have (it has ${a} and ${b}); ignored.`));
    return false;
  });

  let run = runScenario(base, edits);
  if (typeof run === 'string') {
    problems.push(problem('editsFailed', { reason: run, name }, `The edits could not be applied (${run}); showing ${name} as written.`));
    edits.length = 0;
    run = runScenario(base, []);
    if (typeof run === 'string') throw new Error(`content/scenarios/${name}.json cannot be simulated: ${run}`);
  }
  const { scenario, trace } = run;
  const ends = stepEnds(trace.events);

  const total = ends.length;
  let step = request.step ?? 0;
  if (step > total) {
    problems.push(problem('stepPastEnd', { step, name, total }, `Step ${step} is past the end of ${name} (${total} steps); showing the last step.`));
    step = total;
  }
  return { setup: { scenario: name, edits, step }, scenario, names, trace, ends, problems };
}

function runScenario(base: Scenario, edits: readonly Edit[]): { scenario: Scenario; trace: Trace } | string {
  try {
    // Re-validated because an edit comes from a URL anyone can type.
    const scenario = edits.length ? parseScenario(applyEdits(base, edits), 'the edits') : base;
    return { scenario, trace: simulate(scenario, { snapshots: true }) };
  } catch (error) {
    return messageOf(error);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function stepCount(session: Session): number {
  return session.ends.length;
}

/** How many trace events have happened after `step` steps. */
export function eventsShown(session: Session, step = session.setup.step): number {
  return step <= 0 ? 0 : session.ends[Math.min(step, session.ends.length) - 1]!;
}

/** The virtual time reached at a step: the time of its events. */
export function timeAtStep(session: Session, step = session.setup.step): number {
  return timeAfter(session.trace.events, eventsShown(session, step));
}

/** The events of one step (1-based). */
export function eventsOfStep(session: Session, step: number): TraceEvent[] {
  if (step <= 0 || step > session.ends.length) return [];
  return session.trace.events.slice(eventsShown(session, step - 1), eventsShown(session, step));
}

/** The same session at another step (clamped to the trace). */
export function atStep(session: Session, step: number): Session {
  const clamped = Math.max(0, Math.min(step, session.ends.length));
  return { ...session, setup: { ...session.setup, step: clamped }, problems: [] };
}

/**
 * The session after the reader makes `call` on `endpoint` at the current moment. The call is placed at the time
 * of the current step, or one millisecond later if placing it there would change what was already shown,
 * and the position moves to just after the call's immediate effects.
 */
export function withCall(session: Session, endpoint: string, call: Call, bytes?: number): Session {
  const { step } = session.setup;
  const now = timeAtStep(session);
  const shownCount = eventsShown(session);
  const shown = JSON.stringify(session.trace.events.slice(0, shownCount));
  let next: Session | null = null;
  let at = now;
  for (const candidateAt of [now, now + 1]) {
    at = candidateAt;
    const edit: Edit = { kind: 'call', endpoint, call, at, ...(call === 'send' ? { bytes: bytes ?? 100 } : {}) };
    next = openSession({ scenario: session.setup.scenario, edits: [...session.setup.edits, edit], step: 0 });
    if (JSON.stringify(next.trace.events.slice(0, shownCount)) === shown) break;
  }
  const edited = next!;
  const reached = edited.ends.filter((end) => edited.trace.events[end - 1]!.t <= at).length;
  return { ...edited, setup: { ...edited.setup, step: Math.max(step, reached) } };
}

/** The session after the reader asks the network to lose the next segment `from` sends after the current step. */
export function withDropOfNext(session: Session, from: string): Session {
  const { step, edits, scenario: name } = session.setup;
  const sent = session.trace.events.slice(0, eventsShown(session)).filter((event) => event.type === 'send' && event.endpoint === from).length;
  const nth = sent + 1;
  if (edits.some((edit) => edit.kind === 'drop' && edit.from === from && edit.nth === nth)) return session;
  return openSession({ scenario: name, edits: [...edits, { kind: 'drop', from, nth }], step });
}

export interface RunningTimer {
  name: TimerName;
  startedAt: number;
  deadline: number;
}

export interface EndpointView {
  name: string;
  state: State;
  /** The TCB's sequence variables after the last event of this endpoint shown; null while it has no TCB. */
  numbers: { iss: number; irs: number | null; sndUna: number; sndNxt: number; rcvNxt: number } | null;
  timers: RunningTimer[];
}

/** Each endpoint as it is after `step` steps: its state, TCB numbers and running timers. */
export function endpointViews(session: Session, step = session.setup.step): [EndpointView, EndpointView] {
  const shown = session.trace.events.slice(0, eventsShown(session, step));
  const view = (name: string): EndpointView => {
    let state: State = 'CLOSED';
    let snapshot: EndpointSnapshot | undefined;
    const startedAt = new Map<TimerName, number>();
    for (const event of shown) {
      if (event.endpoint !== name) continue;
      if (event.snapshot) snapshot = event.snapshot;
      if (event.type === 'state') state = event.to;
      if (event.type === 'timer' && event.action === 'start') startedAt.set(event.name, event.t);
    }
    const timers: RunningTimer[] = [];
    if (snapshot && state !== 'CLOSED') {
      for (const [timer, deadline] of Object.entries(snapshot.timers) as Array<[TimerName, number | null]>) {
        if (typeof deadline === 'number') timers.push({ name: timer, startedAt: startedAt.get(timer) ?? deadline, deadline });
      }
    }
    return {
      name,
      state,
      numbers:
        snapshot && state !== 'CLOSED'
          ? { iss: snapshot.iss, irs: snapshot.irs, sndUna: snapshot.sndUna, sndNxt: snapshot.sndNxt, rcvNxt: snapshot.rcvNxt }
          : null,
      timers,
    };
  };
  return [view(session.names[0]), view(session.names[1])];
}

/**
 * The buttons to offer for `name` at the current step: the calls the machine accepts without an error in the
 * endpoint's state (`legalCalls`), plus `crash` while it has a connection to lose.
 */
export function availableCalls(session: Session, name: string): Call[] {
  const [a, b] = endpointViews(session);
  const state = (a.name === name ? a : b).state;
  const tcb: Tcb = { ...createEndpoint(endpointConfig(session.scenario, name)), state };
  const calls: Call[] = legalCalls(tcb);
  if (state !== 'CLOSED') calls.push('crash');
  return calls;
}
