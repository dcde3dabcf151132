import type { Note } from '../machine/notes';
import type { TraceEvent } from './trace';

/**
 * What the simulator put in events' `note`s: a scenario step's words, then the reducer's note as `{ code, params }`.
 * Kept beside the trace (a WeakMap on the event objects), never in it, so the trace JSON keeps its English `note`.
 */
export const NOTE_PARTS = new WeakMap<TraceEvent, ReadonlyArray<string | Note>>();

/** The parts of an event's note, or undefined when the machine added none (its `note` is then the scenario's words). */
export function eventNoteParts(event: TraceEvent): ReadonlyArray<string | Note> | undefined {
  return NOTE_PARTS.get(event);
}
