/**
 * The views of the state machine that the site draws. `full` is the whole machine; the others
 * are chapters of it, each defined by its states and by which transitions tell its story.
 */
import type { State, Transition } from '../machine/types';
import { STATES } from '../machine/types';
import { receivesFlag, sendsFlag } from '../machine/definition';

export const STATE_VIEWS = ['overview', 'full', 'handshake', 'teardown', 'active-close', 'passive-close', 'resets'] as const;
export type StateView = (typeof STATE_VIEWS)[number];

export interface StateViewSpec {
  title: string;
  /** One sentence for screen readers (Mermaid's accDescr) and for the caption. */
  description: string;
  /** The states the view may draw. */
  states: readonly State[];
  includes(transition: Transition): boolean;
  /** Leave out "/ —" and put a lone transition's action under its event: narrower labels for a picture that must fit a column. */
  compactLabels?: boolean;
}

/** A RST sent or received, an ABORT, a challenge ACK, or a connection given up after its retries. */
export function isResetOrFailure(transition: Transition): boolean {
  const { trigger } = transition;
  return (
    receivesFlag(transition, 'RST') ||
    sendsFlag(transition, 'RST') ||
    (trigger.kind === 'call' && trigger.call === 'abort') ||
    transition.sendTemplates.some((template) => 'flags' in template && template.challenge === true) ||
    (trigger.kind === 'timer' && trigger.giveUp === true)
  );
}

/**
 * The overview: every change of state (self-loops stay in the full diagram), which is RFC 9293
 * Figure 5 plus the edges it leaves out (simultaneous open, SYN-RECEIVED back to LISTEN, FIN-WAIT-1
 * straight to TIME-WAIT, …), except the arrows that every state sends into CLOSED on ABORT, on a RST
 * or when its retries run out. Those few destinations would otherwise cross the whole picture.
 */
export function isOverviewTransition(transition: Transition): boolean {
  if (transition.from === transition.to) return false;
  return !(transition.to === 'CLOSED' && isResetOrFailure(transition));
}

/** A self-loop that resends after a retransmission timeout: lost SYNs and FINs are repaired this way. */
function isRetransmission(transition: Transition): boolean {
  return transition.trigger.kind === 'timer' && transition.sendTemplates.some((template) => 'retransmit' in template);
}

/** TIME-WAIT ACKing a retransmitted FIN again and restarting 2MSL: the reason TIME-WAIT exists. */
function restartsTimeWait(transition: Transition): boolean {
  return transition.timerActions.some((action) => action.timer === 'timeWait' && action.action === 'restart');
}

interface PhaseView {
  title: string;
  description: string;
  states: readonly State[];
  /** States whose outgoing transitions are drawn; the others are only destinations. */
  sources: readonly State[];
  withFailures: boolean;
}

function phase({ title, description, states, sources, withFailures }: PhaseView): StateViewSpec {
  return {
    title,
    description,
    states,
    includes(transition) {
      if (!sources.includes(transition.from) || !states.includes(transition.to)) return false;
      if (transition.from === transition.to) {
        // ESTABLISHED is where the closing views start: its data-transfer loops belong to other chapters.
        if (transition.from === 'ESTABLISHED') return false;
        return isRetransmission(transition) || restartsTimeWait(transition);
      }
      return withFailures || !isResetOrFailure(transition);
    },
  };
}

const CLOSING_SIDE: readonly State[] = ['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSING', 'TIME-WAIT'];

export const STATE_VIEW_SPECS: Record<StateView, StateViewSpec> = {
  overview: {
    title: 'The TCP connection state machine (RFC 9293) at a glance',
    description:
      'All 11 states of RFC 9293 and every change of state between them: the edges of RFC 9293 Figure 5 and those it omits. Self-loops and the ABORT, RST and give-up arrows into CLOSED are in the full diagram.',
    states: STATES,
    includes: isOverviewTransition,
    compactLabels: true,
  },
  full: {
    title: 'The TCP connection state machine (RFC 9293), every transition',
    description: 'All 11 states of RFC 9293 and every transition between them, self-loops included, labelled event / action.',
    states: STATES,
    includes: () => true,
  },
  handshake: phase({
    title: 'Opening a connection: from CLOSED to ESTABLISHED',
    description: 'Every way an endpoint can move between CLOSED, LISTEN, SYN-SENT, SYN-RECEIVED and ESTABLISHED, resets and retransmissions included.',
    states: ['CLOSED', 'LISTEN', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED'],
    sources: ['CLOSED', 'LISTEN', 'SYN-SENT', 'SYN-RECEIVED'],
    withFailures: true,
  }),
  teardown: phase({
    title: 'Closing a connection: both sides, from ESTABLISHED to CLOSED',
    description: 'The orderly close for the active closer (FIN-WAIT-1, FIN-WAIT-2, CLOSING, TIME-WAIT) and the passive closer (CLOSE-WAIT, LAST-ACK).',
    states: ['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT', 'CLOSED'],
    sources: ['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT'],
    withFailures: false,
  }),
  'active-close': phase({
    title: 'The active closer: the side that sends the first FIN',
    description: 'The path of the endpoint that closes first: FIN-WAIT-1, FIN-WAIT-2 or CLOSING, then TIME-WAIT for 2MSL.',
    states: [...CLOSING_SIDE, 'CLOSED'],
    sources: CLOSING_SIDE,
    withFailures: false,
  }),
  'passive-close': phase({
    title: 'The passive closer: the side that receives the first FIN',
    description: 'The path of the endpoint that receives the first FIN: CLOSE-WAIT until its application closes, then LAST-ACK.',
    states: ['ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED'],
    sources: ['ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK'],
    withFailures: false,
  }),
  resets: {
    title: 'Resets, aborts, challenge ACKs and give-ups',
    description: 'Every transition that sends or receives a RST, aborts, answers with a challenge ACK (RFC 5961), or gives up after its retries.',
    states: STATES,
    includes: isResetOrFailure,
  },
};

export function isStateView(name: string): name is StateView {
  return (STATE_VIEWS as readonly string[]).includes(name);
}
