/**
 * A replayed capture as a simulator trace, so the page draws it with the simulator's ladder and
 * exports it with the same Mermaid generator. Each captured segment becomes a `send` by its sender
 * and a `receive` when it reached the other machine (later for segments that crossed), with the
 * state changes in between. Times are the capture's, relative to the first segment shown.
 */
import type { Segment, State } from '../machine/types';
import type { Trace, TraceEvent } from '../simulator/trace';
import type { ConnectionReplay, TimelineEntry } from './replay';

export interface ReplayTrace {
  trace: Trace;
  /** Left and right lifelines: the client first when there is one. */
  names: [string, string];
  /** For each timeline entry of the window, how many trace events exist once it has been processed. */
  eventsAfter: number[];
}

/** A whole-microsecond gap so a receive gets its own row after its send even on loopback. */
const MIN_FLIGHT_MS = 0.001;

export function replayNames(replay: ConnectionReplay): [string, string] {
  if (replay.client && replay.server) return [replay.client, replay.server];
  return replay.endpoints;
}

/** Segments as the ladder labels them: tcpdump's relative numbers, which read far better than 32-bit ones. */
function displayed(entry: TimelineEntry): Segment {
  const flags = entry.flags.filter((f): f is Segment['flags'][number] => f === 'SYN' || f === 'FIN' || f === 'RST' || f === 'ACK');
  return { flags, seq: entry.relativeSeq, ack: entry.relativeAck, len: entry.len };
}

function round(t: number): number {
  return Math.round(t * 1000) / 1000;
}

/**
 * The trace of timeline entries [from, to). Captures without timestamps (tcpdump -t) or with times
 * that run backwards are laid out one millisecond per segment instead.
 */
export function replayTrace(replay: ConnectionReplay, from = 0, to = replay.timeline.length): ReplayTrace {
  const entries = replay.timeline.slice(from, to);
  const names = replayNames(replay);
  const realTimes = entries.length > 1 && entries.every((e, i) => i === 0 || e.time >= entries[i - 1]!.time) && entries.at(-1)!.time > entries[0]!.time;
  const timeOf = (i: number) => (realTimes ? round(entries[i]!.time - entries[0]!.time) : i);
  const byIndex = new Map(entries.map((e) => [e.index, e]));
  const events: TraceEvent[] = [];
  const eventsAfter: number[] = [];

  entries.forEach((entry, i) => {
    const t = timeOf(i);
    const next = i + 1 < entries.length ? timeOf(i + 1) : t + 1;
    const arrival = round(t + Math.max(MIN_FLIGHT_MS, (next - t) / 2));
    events.push({ t, endpoint: entry.src, type: 'send', segment: displayed(entry), id: entry.index });
    // The sender's own calls (connect, close, abort) change its state as it sends.
    for (const change of entry.changes.filter((c) => !c.cause.startsWith('rcv #'))) {
      events.push({ t, endpoint: change.endpoint, type: 'state', from: change.from, to: change.to, cause: change.cause, ...(change.transition ? { transition: change.transition } : {}) });
    }
    for (const index of entry.delivered) {
      const segment = byIndex.get(index);
      if (!segment) continue;
      events.push({ t: arrival, endpoint: segment.dst, type: 'receive', segment: displayed(segment), id: index });
      for (const change of entry.changes.filter((c) => c.cause === `rcv #${index}`)) {
        events.push({
          t: arrival,
          endpoint: change.endpoint,
          type: 'state',
          from: change.from,
          to: change.to,
          cause: `rcv ${displayed(segment).flags.join(',') || 'segment'}`,
          ...(change.transition ? { transition: change.transition } : {}),
        });
      }
    }
    eventsAfter.push(events.length);
  });

  const final: Record<string, State> = {};
  const last = entries.at(-1);
  for (const name of names) final[name] = last ? last.states[name]! : replay.initial[name] ?? 'CLOSED';
  return { trace: { events, final }, names, eventsAfter };
}
