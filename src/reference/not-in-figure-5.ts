/**
 * "The transitions most diagrams leave out", from the machine: the records marked `notInFigure5`, in two lists.
 * State changes the figure does not draw come first; self-loops (events that change no state, which Figure 5 never
 * draws) second. Records that differ only in the state they leave are one item: "ESTABLISHED, FIN-WAIT-1 … →
 * CLOSED on rcv RST".
 */
import { machine } from '../machine/definition';
import { STATES, type EventKind, type State, type Transition } from '../machine/types';

export interface EdgeGroup {
  /** The records of the group, in the machine's order (the first one's words describe the group). */
  ids: string[];
  from: State[];
  /** Null for self-loops: each state stays where it is. */
  to: State | null;
  kind: EventKind;
  event: string;
  guard: string | null;
  sends: string;
  /** Said only when every record of the group says the same. */
  note: string | null;
  /** Distinct RFC references of the group, in order of appearance. */
  rfc: string[];
}

export interface NotInFigure5 {
  stateChanges: EdgeGroup[];
  selfLoops: EdgeGroup[];
}

const KIND_ORDER: EventKind[] = ['segment', 'call', 'timer'];

function group(records: readonly Transition[], key: (t: Transition) => string, localize: (t: Transition) => Transition, selfLoop: boolean): EdgeGroup[] {
  const groups = new Map<string, Transition[]>();
  for (const record of records) groups.set(key(record), [...(groups.get(key(record)) ?? []), record]);
  return [...groups.values()]
    .map((members) => {
      const first = localize(members[0]!);
      const notes = new Set(members.map((m) => localize(m).note ?? null));
      return {
        ids: members.map((m) => m.id),
        from: members.map((m) => m.from).sort((a, b) => STATES.indexOf(a) - STATES.indexOf(b)),
        to: selfLoop ? null : first.to,
        kind: first.kind,
        event: first.event,
        guard: selfLoop ? null : (first.guard ?? null),
        sends: selfLoop ? '' : first.sends,
        note: notes.size === 1 ? [...notes][0]! : null,
        rfc: [...new Set(members.map((m) => m.rfc))],
      };
    })
    .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}

/**
 * `localize` gives a record in the page's language; groups are formed on the machine's own records, so every
 * language lists the same items.
 */
export function transitionsNotInFigure5(
  transitions: readonly Transition[] = machine.transitions,
  localize: (transition: Transition) => Transition = (transition) => transition,
): NotInFigure5 {
  const omitted = transitions.filter((t) => t.notInFigure5);
  const changes = omitted.filter((t) => t.from !== t.to);
  const loops = omitted.filter((t) => t.from === t.to);
  return {
    // Same event, condition, target and reply: one item whatever state it leaves.
    stateChanges: group(changes, (t) => JSON.stringify([t.kind, t.event, t.guard ?? null, t.to, t.sends]), localize, false),
    // Self-loops by event alone: the list says which events each state absorbs; the reference has the details.
    selfLoops: group(loops, (t) => JSON.stringify([t.kind, t.event]), localize, true),
  };
}
