/**
 * The trace format (issue 2, a public interface): what `npm run -s simulate` prints,
 * what the sequence diagrams draw and what the islands replay.
 *
 * Optional fields beyond the format:
 * - `id` on send/receive/drop: one number per segment put on the wire, linking its send to its
 *   receive or drop (a duplicated segment is received twice under one id; an injected one has only a receive);
 * - `injected: true` on the receive of a forged segment (a scenario's `inject` step);
 * - `transition` on every event one reducer step caused: the id of the machine's Transition record;
 * - `note` on a receive or call that the machine answered without a transition (why nothing happened),
 *   or copied from the scenario step;
 * - `signal` on the first event of a step that told the local user something that is not an error
 *   ("connection closing" when a FIN arrives);
 * - `deadline` on a timer start: the absolute virtual time it will fire;
 * - `snapshot` when asked for: the endpoint's variables after the event.
 */
import type { Segment, State, TimerName } from '../machine/types';

export interface EndpointSnapshot {
  state: State;
  sndUna: number;
  sndNxt: number;
  rcvNxt: number;
  iss: number;
  irs: number | null;
  timers: { retransmission: number | null; timeWait: number | null; delayedAck: number | null };
}

interface EventBase {
  /** Virtual time in ms. */
  t: number;
  endpoint: string;
  transition?: string;
  note?: string;
  signal?: string;
  snapshot?: EndpointSnapshot;
}

export interface StateEvent extends EventBase {
  type: 'state';
  from: State;
  to: State;
  cause: string;
}

export interface SegmentEvent extends EventBase {
  type: 'send' | 'receive' | 'drop';
  segment: Segment;
  id?: number;
  injected?: true;
}

export interface TimerEvent extends EventBase {
  type: 'timer';
  name: TimerName;
  action: 'start' | 'stop' | 'fire';
  deadline?: number;
}

export interface ErrorEvent extends EventBase {
  type: 'error';
  message: string;
}

export type TraceEvent = StateEvent | SegmentEvent | TimerEvent | ErrorEvent;

export interface Trace {
  events: TraceEvent[];
  /** Each endpoint's state when the simulation stopped, keyed by endpoint name. */
  final: Record<string, State>;
}
