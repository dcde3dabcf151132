/**
 * "Who passes through which states", from runs of the simulator: the states one endpoint goes through in a
 * scenario, for the opening (up to its first ESTABLISHED) or the closing (from its last ESTABLISHED on).
 */
import type { State } from '../machine/types';
import type { Trace } from '../simulator/trace';

export type PathPhase = 'open' | 'close' | 'all';

/** Every state `endpoint` is in during the run, in order, starting from CLOSED. */
export function statePath(trace: Trace, endpoint: string, phase: PathPhase = 'all'): State[] {
  const path: State[] = ['CLOSED'];
  for (const event of trace.events) {
    if (event.type === 'state' && event.endpoint === endpoint) path.push(event.to);
  }
  if (path.length === 1 && !(endpoint in trace.final)) throw new Error(`no endpoint "${endpoint}" in this run`);
  if (phase === 'all') return path;
  const first = path.indexOf('ESTABLISHED');
  const last = path.lastIndexOf('ESTABLISHED');
  if (first < 0) throw new Error(`${endpoint} never reaches ESTABLISHED, so the run has no ${phase === 'open' ? 'opening' : 'closing'} to show`);
  return phase === 'open' ? path.slice(0, first + 1) : path.slice(last);
}

/** The one path both endpoints take, for "on both sides"; an error naming both when they differ. */
export function sharedPath(trace: Trace, endpoints: readonly [string, string], phase: PathPhase): State[] {
  const [a, b] = endpoints.map((name) => statePath(trace, name, phase)) as [State[], State[]];
  if (a.join() !== b.join()) {
    throw new Error(`the endpoints take different paths: ${endpoints[0]} ${a.join(' → ')}; ${endpoints[1]} ${b.join(' → ')}`);
  }
  return a;
}
