/**
 * The "segment → state of each endpoint after it" tables of the handshake and teardown articles, computed by
 * running a scenario instead of being written out by hand. One row per segment put on the wire, in sending order.
 *
 * A segment's row shows each endpoint's state once the segment has been handled: the receiver's reducer step
 * (every event it caused, including the reply it sent) is over. A state entered in the step that sent the segment
 * is marked `sending`, one entered in the step that received it `receiving`, as the RFC's figures annotate them.
 */
import { formatFlags } from '../machine/format';
import type { State } from '../machine/types';
import type { SegmentEvent, Trace, TraceEvent } from '../simulator/trace';

export type ChangeCause = 'sending' | 'receiving' | 'other';

export interface EndpointAfter {
  state: State;
  /** Why the state differs from the row above; null when it does not. */
  changed: ChangeCause | null;
}

export interface SegmentRow {
  /** 1-based position of the segment among all segments the run put on the wire. */
  number: number;
  sender: string;
  receiver: string;
  /** "SYN,ACK" */
  flags: string;
  /** "1000", or "x+1" with symbols. */
  seq: string;
  /** Null when the ACK bit is off. */
  ack: string | null;
  len: number;
  /** The network lost it (a `drop` event). */
  lost: boolean;
  after: Record<string, EndpointAfter>;
}

export interface ScenarioStateRows {
  endpoints: [string, string];
  before: Record<string, State>;
  rows: SegmentRow[];
  /** When the range reaches the run's last segment and a state still changes afterwards (TIME-WAIT's 2MSL timer). */
  then: { causes: string[]; transitions: string[]; after: Record<string, EndpointAfter> } | null;
  /** The endpoint that sent the run's first FIN, if any: the active closer. */
  activeCloser: string | null;
  /** Symbol → the number it stands for, when symbols were asked for. */
  symbolValues: Record<string, number>;
}

export interface StateRowOptions {
  /** First segment (1-based, inclusive). Default 1. */
  from?: number;
  /** Last segment (inclusive). Default: the last one. */
  to?: number;
  /**
   * Write sequence numbers as offsets from each endpoint's first sequence number in the range: the first
   * endpoint to send in the range gets symbols[0], the other symbols[1] ("seq = x+1, ack = y+1").
   */
  symbols?: readonly [string, string];
}

/** Indices [start, end] of the reducer step that produced event `index`: same endpoint, time and transition. */
function stepBounds(events: readonly TraceEvent[], index: number): [number, number] {
  const event = events[index]!;
  if (event.transition === undefined) return [index, index];
  const same = (other: TraceEvent | undefined) =>
    other !== undefined && other.endpoint === event.endpoint && other.t === event.t && other.transition === event.transition;
  let start = index;
  while (same(events[start - 1])) start -= 1;
  let end = index;
  while (same(events[end + 1])) end += 1;
  return [start, end];
}

/** Each endpoint's state after events[0..upTo] (upTo = -1: before anything). */
function statesAfter(events: readonly TraceEvent[], upTo: number, endpoints: readonly string[]): Record<string, State> {
  const states: Record<string, State> = Object.fromEntries(endpoints.map((name) => [name, 'CLOSED' as State]));
  for (let i = 0; i <= upTo; i += 1) {
    const event = events[i]!;
    if (event.type === 'state') states[event.endpoint] = event.to;
  }
  return states;
}

/** The index of the state event, in events[after+1..upTo], that last set `endpoint`'s state. */
function lastStateChange(events: readonly TraceEvent[], after: number, upTo: number, endpoint: string): number | null {
  for (let i = upTo; i > after; i -= 1) {
    const event = events[i]!;
    if (event.type === 'state' && event.endpoint === endpoint) return i;
  }
  return null;
}

function symbolic(value: number, base: number | undefined, symbol: string | undefined): string {
  if (base === undefined || symbol === undefined) return String(value);
  const offset = (value - base) >>> 0;
  // Sequence space wraps at 2^32; an offset "below" the base reads as a negative one.
  const signed = offset >= 0x80000000 ? offset - 0x100000000 : offset;
  return signed === 0 ? symbol : signed > 0 ? `${symbol}+${signed}` : `${symbol}−${-signed}`;
}

export function scenarioStateRows(trace: Trace, endpoints: [string, string], options: StateRowOptions = {}): ScenarioStateRows {
  const { events } = trace;
  const sends = events.map((event, index) => ({ event, index })).filter((item): item is { event: SegmentEvent; index: number } => item.event.type === 'send');
  const from = options.from ?? 1;
  const to = options.to ?? sends.length;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to > sends.length || from > to) {
    throw new Error(`segment range ${from}–${to} is outside the run's segments 1–${sends.length}`);
  }
  const picked = sends.slice(from - 1, to);

  const symbolOf: Record<string, string> = {};
  const baseOf: Record<string, number> = {};
  if (options.symbols) {
    for (const { event } of picked) {
      if (event.endpoint in baseOf) continue;
      baseOf[event.endpoint] = event.segment.seq;
      symbolOf[event.endpoint] = options.symbols[Object.keys(baseOf).length - 1]!;
    }
  }
  const other = (name: string) => (name === endpoints[0] ? endpoints[1] : endpoints[0]);

  const [firstStepStart] = stepBounds(events, picked[0]!.index);
  const before = statesAfter(events, firstStepStart - 1, endpoints);
  let previous = before;
  let previousEnd = firstStepStart - 1;
  const rows: SegmentRow[] = picked.map(({ event, index }, offset) => {
    const [sendStart, sendEnd] = stepBounds(events, index);
    const arrivalIndex = events.findIndex((e, i) => i > index && (e.type === 'receive' || e.type === 'drop') && e.id === event.id);
    const arrival = arrivalIndex >= 0 ? (events[arrivalIndex] as SegmentEvent) : null;
    const [receiveStart, receiveEnd] = arrival && arrival.type === 'receive' ? stepBounds(events, arrivalIndex) : [-1, -1];
    const end = Math.max(sendEnd, arrivalIndex, receiveEnd);
    const states = statesAfter(events, end, endpoints);
    const after: Record<string, EndpointAfter> = {};
    for (const name of endpoints) {
      let changed: ChangeCause | null = null;
      if (states[name] !== previous[name]) {
        const at = lastStateChange(events, previousEnd, end, name);
        changed = at === null ? 'other' : at >= sendStart && at <= sendEnd ? 'sending' : at >= receiveStart && at <= receiveEnd ? 'receiving' : 'other';
      }
      after[name] = { state: states[name]!, changed };
    }
    previous = states;
    previousEnd = end;
    const receiver = other(event.endpoint);
    const { segment } = event;
    return {
      number: from + offset,
      sender: event.endpoint,
      receiver,
      flags: formatFlags(segment.flags),
      seq: symbolic(segment.seq, baseOf[event.endpoint], symbolOf[event.endpoint]),
      ack: segment.ack === null ? null : symbolic(segment.ack, baseOf[receiver], symbolOf[receiver]),
      len: segment.len,
      lost: arrival?.type === 'drop',
      after,
    };
  });

  let then: ScenarioStateRows['then'] = null;
  if (to === sends.length) {
    const later = events.slice(previousEnd + 1).filter((e) => e.type === 'state');
    if (later.length > 0) {
      const final = statesAfter(events, events.length - 1, endpoints);
      then = {
        causes: [...new Set(later.map((e) => (e.type === 'state' ? e.cause : '')))],
        transitions: [...new Set(later.flatMap((e) => (e.transition === undefined ? [] : [e.transition])))],
        after: Object.fromEntries(endpoints.map((name) => [name, { state: final[name]!, changed: final[name] === previous[name] ? null : ('other' as const) }])),
      };
    }
  }

  const firstFin = sends.find(({ event }) => event.segment.flags.includes('FIN'));
  const symbolValues = Object.fromEntries(Object.entries(symbolOf).map(([name, symbol]) => [symbol, baseOf[name]!]));
  return { endpoints, before, rows, then, activeCloser: firstFin?.event.endpoint ?? null, symbolValues };
}
