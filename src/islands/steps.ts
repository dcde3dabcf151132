import type { TraceEvent } from '../simulator/trace';

/**
 * Where the simulator's steps end. A step is one reaction of one endpoint: the run of consecutive events with
 * the same time, endpoint and machine transition ("server receives SYN, sends SYN,ACK, starts its RTO, enters
 * SYN-RECEIVED" is one step). An arriving segment or a firing timer always starts a step, and an event with no
 * transition (a crash) is a step of its own. A lost segment's
 * `drop` belongs to the step that sent it. Returns, for step k + 1, how many events have happened after it.
 */
export function stepEnds(events: readonly TraceEvent[]): number[] {
  const ends: number[] = [];
  events.forEach((event, index) => {
    const previous = events[index - 1];
    // An arriving segment or a timer firing always begins a reaction, even one that repeats the previous transition.
    const startsReaction = event.type === 'receive' || (event.type === 'timer' && event.action === 'fire');
    const sameStep =
      previous !== undefined &&
      !startsReaction &&
      previous.t === event.t &&
      previous.endpoint === event.endpoint &&
      event.transition !== undefined &&
      previous.transition === event.transition;
    if (sameStep) ends[ends.length - 1] = index + 1;
    else ends.push(index + 1);
  });
  return ends;
}
