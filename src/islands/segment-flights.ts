import type { Segment } from '../machine/types';
import type { TraceEvent } from '../simulator/trace';

/**
 * One segment's trip across the network, joined from the trace's separate `send`, `receive` and `drop` events,
 * so the ladder can draw it as one arrow. A segment received but never sent (a forged RST or SYN injected by a
 * scenario) is a flight with no sender; a duplicated segment is a second flight from the same send.
 */
export interface Flight {
  from: string;
  to: string;
  segment: Segment;
  /** Index in the trace of the sender's `send` event, or null for a forged segment. */
  sentIndex: number | null;
  sentAt: number | null;
  arrivedIndex: number | null;
  arrivedAt: number | null;
  droppedIndex: number | null;
  droppedAt: number | null;
  forged: boolean;
  duplicate: boolean;
}

export function sameSegment(a: Segment, b: Segment): boolean {
  return (
    a.seq === b.seq &&
    a.ack === b.ack &&
    a.len === b.len &&
    a.flags.length === b.flags.length &&
    a.flags.every((flag) => b.flags.includes(flag))
  );
}

/** Pairs every `send` with the `receive` or `drop` it led to: by the trace's segment `id` when present, else in FIFO order of equal segments. */
export function segmentFlights(events: readonly TraceEvent[], names: readonly [string, string]): Flight[] {
  const peerOf = (name: string) => (name === names[0] ? names[1] : names[0]);
  const flights: Flight[] = [];
  const byId = new Map<number, Flight>();
  const inFlight = (flight: Flight) => flight.arrivedIndex === null && flight.droppedIndex === null;

  events.forEach((event, index) => {
    if (event.type === 'send') {
      const flight: Flight = {
        from: event.endpoint,
        to: peerOf(event.endpoint),
        segment: event.segment,
        sentIndex: index,
        sentAt: event.t,
        arrivedIndex: null,
        arrivedAt: null,
        droppedIndex: null,
        droppedAt: null,
        forged: false,
        duplicate: false,
      };
      flights.push(flight);
      if (typeof event.id === 'number') byId.set(event.id, flight);
      return;
    }
    if (event.type === 'receive') {
      const known = typeof event.id === 'number' ? byId.get(event.id) : undefined;
      const pending = event.injected
        ? undefined
        : known
          ? inFlight(known) ? known : undefined
          : flights.find((flight) => flight.to === event.endpoint && inFlight(flight) && sameSegment(flight.segment, event.segment));
      if (pending) {
        pending.arrivedIndex = index;
        pending.arrivedAt = event.t;
        return;
      }
      const original = event.injected
        ? undefined
        : known ??
        [...flights].reverse().find((flight) => flight.to === event.endpoint && !flight.forged && sameSegment(flight.segment, event.segment));
      flights.push({
        from: original ? original.from : peerOf(event.endpoint),
        to: event.endpoint,
        segment: event.segment,
        sentIndex: original ? original.sentIndex : null,
        sentAt: original ? original.sentAt : null,
        arrivedIndex: index,
        arrivedAt: event.t,
        droppedIndex: null,
        droppedAt: null,
        forged: !original,
        duplicate: Boolean(original),
      });
      return;
    }
    if (event.type === 'drop') {
      const known = typeof event.id === 'number' ? byId.get(event.id) : undefined;
      const pending =
        known && inFlight(known)
          ? known
          : flights.find(
              (flight) =>
                (flight.from === event.endpoint || flight.to === event.endpoint) && inFlight(flight) && sameSegment(flight.segment, event.segment),
            );
      if (pending) {
        pending.droppedIndex = index;
        pending.droppedAt = event.t;
      }
    }
  });
  return flights;
}
