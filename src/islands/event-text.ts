import { formatSegment } from '../machine/format';
import type { TimerName } from '../machine/types';
import { TRACE_WORDS, type TransitionWords } from '../i18n/island-transitions';
import type { Translate } from '../i18n/format';
import type { ErrorEvent, StateEvent, TraceEvent } from '../simulator/trace';
import type { LadderWords } from './ladder';
import { formatTime } from './time-format';
import { noteText } from './note-text';

/** A timer's name in the page's language (catalogue keys `timer.<name>`). */
export function timerName(t: Translate, name: TimerName): string {
  return t(`timer.${name}`);
}

/** A state change's cause in the page's language: its transition record's event, else the trace's words. */
export function stateCause(event: StateEvent, words: TransitionWords): string {
  return words.event(event.transition, event.cause);
}

/** An error reported to the user in the page's language: its transition record's report, else the trace's words. */
export function errorMessage(event: ErrorEvent, words: TransitionWords): string {
  return words.reports(event.transition, event.message);
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
  return event.note ? t('event.withNote', { text, note: noteText(t, event.note) }) : text;
}

/** The ladder's words for state changes and errors in the page's language (its tooltips and error labels). */
export function ladderWords(t: Translate, words: TransitionWords = TRACE_WORDS): LadderWords {
  return {
    stateTooltip: (event) => t('event.state', { who: event.endpoint, from: event.from, to: event.to, cause: stateCause(event, words) }),
    errorLabel: (event) => t('ladder.error', { message: errorMessage(event, words) }),
    errorTooltip: (event) => t('event.error', { who: event.endpoint, message: errorMessage(event, words) }),
  };
}
