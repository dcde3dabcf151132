import type { Translate } from '../i18n/format';
import { TRACE_WORDS, type TransitionWords } from '../i18n/island-transitions';
import type { ErrorEvent, StateEvent } from '../simulator/trace';
import type { LadderWords } from './ladder';

/*
 * What a trace event borrows from its transition record, in the page's language: shared by the event log
 * (event-text.ts) and the ladders of the simulator and the replay page. Kept apart from event-text.ts so that the
 * replay page, which draws a ladder but writes no log, does not ship the log's sentences.
 */

/** A state change's cause in the page's language: its transition record's event, else the trace's words. */
export function stateCause(event: StateEvent, words: TransitionWords): string {
  return words.event(event.transition, event.cause);
}

/** An error reported to the user in the page's language: its transition record's report, else the trace's words. */
export function errorMessage(event: ErrorEvent, words: TransitionWords): string {
  return words.reports(event.transition, event.message);
}

/** The ladder's words for state changes and errors in the page's language (its tooltips and error labels). */
export function ladderWords(t: Translate, words: TransitionWords = TRACE_WORDS): LadderWords {
  return {
    stateTooltip: (event) => t('event.state', { who: event.endpoint, from: event.from, to: event.to, cause: stateCause(event, words) }),
    errorLabel: (event) => t('ladder.error', { message: errorMessage(event, words) }),
    errorTooltip: (event) => t('event.error', { who: event.endpoint, message: errorMessage(event, words) }),
  };
}
