import { hasTransition, transitionById } from '../machine/definition';
import { formatSegment } from '../machine/format';
import type { TimerName, Transition } from '../machine/types';
import type { Translate } from '../i18n/format';
import type { ErrorEvent, StateEvent, TraceEvent } from '../simulator/trace';
import type { LadderWords } from './ladder';
import { formatTime } from './time-format';
import { noteText } from './note-text';

/** A timer's name in the page's language (catalogue keys `timer.<name>`). */
export function timerName(t: Translate, name: TimerName): string {
  return t(`timer.${name}`);
}

/**
 * The transition record an event came from, when the event says what that record says (a state change's cause is
 * the record's event, an error its report); null for anything else (a crash, an event from no transition).
 */
function recordOf(event: TraceEvent, says: (record: Transition) => string | undefined, text: string): Transition | null {
  if (!event.transition || !hasTransition(event.transition)) return null;
  const record = transitionById(event.transition);
  return says(record) === text ? record : null;
}

type Localise = (transition: Transition) => Transition;

/** A state change's cause in the page's language: the event of the record it came from, else the trace's words. */
export function stateCause(event: StateEvent, local: Localise): string {
  const record = recordOf(event, (taken) => taken.event, event.cause);
  return record ? local(record).event : event.cause;
}

/** An error reported to the user in the page's language: the report of the record it came from, else the trace's words. */
export function errorMessage(event: ErrorEvent, local: Localise): string {
  const record = recordOf(event, (taken) => taken.reports, event.message);
  return record ? (local(record).reports ?? event.message) : event.message;
}

/**
 * One trace event as a sentence, for the simulator's event log and its screen-reader announcements. `local` gives
 * a transition record in the page's language: a state change's cause and an error are the words of the record the
 * trace names (`transition`), so they are said from the record, not from the trace's English.
 */
export function describeEvent(t: Translate, event: TraceEvent, local: (transition: Transition) => Transition = (same) => same): string {
  const who = event.endpoint;
  let text: string;
  switch (event.type) {
    case 'state':
      text = t('event.state', { who, from: event.from, to: event.to, cause: stateCause(event, local) });
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
      text = t('event.error', { who, message: errorMessage(event, local) });
      break;
  }
  return event.note ? t('event.withNote', { text, note: noteText(t, event.note) }) : text;
}

/** The ladder's words for state changes and errors in the page's language (its tooltips and error labels). */
export function ladderWords(t: Translate, local: Localise = (same) => same): LadderWords {
  return {
    stateTooltip: (event) => t('event.state', { who: event.endpoint, from: event.from, to: event.to, cause: stateCause(event, local) }),
    errorLabel: (event) => t('ladder.error', { message: errorMessage(event, local) }),
    errorTooltip: (event) => t('event.error', { who: event.endpoint, message: errorMessage(event, local) }),
  };
}
