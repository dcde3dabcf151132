/**
 * "How a receiver treats a RST", from the machine: every transition a received RST can take, grouped by the
 * receiving state. States that react identically (same conditions, same replies, same reports, same kind of next
 * state) share one group, so ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2 and CLOSE-WAIT read as one row, as the RFC
 * writes them in §3.10.7.4.
 */
import { machine, receivesFlag } from '../machine/definition';
import { STATES, type State, type Transition } from '../machine/types';

export interface RstReaction {
  /** Transition id, for links into the reference. */
  id: string;
  /** When this reaction applies; null when the state always reacts so. */
  condition: string | null;
  /** What is sent back, in RFC notation; "" for nothing. */
  sends: string;
  /** What the local user is told, if anything. */
  reports: string | null;
  /** The state entered; null when the endpoint stays where it is. */
  to: State | null;
  rfc: string;
}

export interface RstGroup {
  states: State[];
  reactions: RstReaction[];
}

/** A received segment with the RST bit: the records whose trigger is a segment with the RST bit. */
export function isRstReception(transition: Transition): boolean {
  return receivesFlag(transition, 'RST');
}

function reactionOf(transition: Transition): RstReaction {
  return {
    id: transition.id,
    condition: transition.guard ?? null,
    sends: transition.sends,
    reports: transition.reports ?? null,
    to: transition.to === transition.from ? null : transition.to,
    rfc: transition.rfc,
  };
}

/** What decides whether two states react alike: everything but the ids. */
const likeness = (reactions: RstReaction[]) => JSON.stringify(reactions.map(({ id: _id, ...rest }) => rest));

/**
 * `localize` gives a record in the page's language; which records are RST receptions is decided on the machine's
 * own (English) records, and states are grouped on the localized words, so a translation that words two alike
 * reactions differently shows them apart rather than hiding a difference.
 */
export function rstReactions(
  transitions: readonly Transition[] = machine.transitions,
  localize: (transition: Transition) => Transition = (transition) => transition,
): RstGroup[] {
  const groups: Array<RstGroup & { key: string }> = [];
  for (const state of STATES) {
    const reactions = transitions.filter((t) => t.from === state && isRstReception(t)).map((t) => reactionOf(localize(t)));
    if (reactions.length === 0) continue;
    const key = likeness(reactions);
    const same = groups.find((group) => group.key === key);
    if (same) same.states.push(state);
    else groups.push({ key, states: [state], reactions });
  }
  return groups.map(({ key: _key, ...group }) => group);
}
