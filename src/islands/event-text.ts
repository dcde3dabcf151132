import { formatSegment } from '../machine/format';
import type { TimerName } from '../machine/types';
import type { TraceEvent } from '../simulator/trace';
import { formatTime } from './time-format';

export const TIMER_NAMES: Record<TimerName, string> = {
  retransmission: 'retransmission (RTO)',
  timeWait: '2MSL (TIME-WAIT)',
  delayedAck: 'delayed-ACK',
};

/** One trace event as a sentence, for the simulator's event log and its screen-reader announcements. */
export function describeEvent(event: TraceEvent): string {
  const who = event.endpoint;
  let text: string;
  switch (event.type) {
    case 'state':
      text = `${who}: ${event.from} → ${event.to} (${event.cause})`;
      break;
    case 'send':
      text = `${who} sends ${formatSegment(event.segment)}`;
      break;
    case 'receive':
      text = `${who} receives ${event.injected ? 'a forged ' : ''}${formatSegment(event.segment)}`;
      break;
    case 'drop':
      text = `the network loses ${who}'s ${formatSegment(event.segment)}`;
      break;
    case 'timer':
      text =
        event.action === 'start'
          ? `${who} starts its ${TIMER_NAMES[event.name]} timer${event.deadline !== undefined ? `, due at ${formatTime(event.deadline)}` : ''}`
          : event.action === 'stop'
            ? `${who} stops its ${TIMER_NAMES[event.name]} timer`
            : `${who}'s ${TIMER_NAMES[event.name]} timer fires`;
      break;
    case 'error':
      text = `${who}: error "${event.message}"`;
      break;
  }
  return event.note ? `${text} — ${event.note}` : text;
}
