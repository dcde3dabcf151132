import { formatSegment } from '../machine/format';
import type { TimerName } from '../machine/types';
import { TRACE_WORDS, type TransitionWords } from '../i18n/island-transitions';
import { errorMessage, stateCause } from './record-words';
import type { Translate } from '../i18n/format';
import type { TraceEvent } from '../simulator/trace';
import { formatTime } from './time-format';
import { eventNoteText } from './note-text';

/** A timer's name in the page's language (catalogue keys `timer.<name>`). */
export function timerName(t: Translate, name: TimerName): string {
  return t(`timer.${name}`);
}

/**
 * One trace event as a sentence, for the simulator's event log and its screen-reader announcements. A state change's
 * cause and an error are the words of the transition record the event names (`transition`), said in the page's
 * language through `words`, not from the trace's English.
 */
export function describeEvent(t: Translate, event: TraceEvent, words: TransitionWords = TRACE_WORDS): string {
  const who = event.endpoint;
  let text: string;
  switch (event.type) {
    case 'state':
      text = t('event.state', { who, from: event.from, to: event.to, cause: stateCause(event, words) });
      break;
    case 'send':
      text = t('event.send', { who, segment: formatSegment(event.segment) });
      break;
    case 'receive':
      text = t(event.injected ? 'event.receiveForged' : 'event.receive', { who, segment: formatSegment(event.segment) });
      break;
    case 'drop':
      text = t('event.drop', { who, segment: formatSegment(event.segment) });
      break;
    case 'timer': {
      const timer = timerName(t, event.name);
      text =
        event.action === 'start'
          ? event.deadline !== undefined
            ? t('event.timerStartDue', { who, timer, deadline: formatTime(event.deadline) })
            : t('event.timerStart', { who, timer })
          : event.action === 'stop'
            ? t('event.timerStop', { who, timer })
            : t('event.timerFire', { who, timer });
      break;
    }
    case 'error':
      text = t('event.error', { who, message: errorMessage(event, words) });
      break;
  }
  const note = eventNoteText(t, event);
  return note ? t('event.withNote', { text, note }) : text;
}

