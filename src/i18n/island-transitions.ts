/**
 * The browser side of transition records in a page's language: an island reads the words its component wrote into
 * `data-transitions` (src/i18n/transition-text.ts, build time) and lays them over the machine's English records.
 * Nothing here imports a table, so a page ships only its own language's words, and only those its island shows.
 */
import type { Transition } from '../machine/types';
import type { TransitionText } from './transitions.zh-cn';

/** The record with its words in `texts` (a table entry, or the part of one an island was given); English where it has none. */
export function withTexts(transition: Transition, texts: Partial<TransitionText> | undefined): Transition {
  if (!texts) return transition;
  const local: Transition = { ...transition };
  if (texts.event !== undefined) local.event = texts.event;
  if (texts.guard !== undefined) local.guard = texts.guard;
  if (texts.note !== undefined) local.note = texts.note;
  if (texts.reports !== undefined) local.reports = texts.reports;
  if (texts.sends !== undefined) local.sends = texts.sends;
  if (texts.timers !== undefined) local.timers = texts.timers;
  return local;
}

/**
 * Browser: the records in the page's language, from the `data-transitions` attribute its component wrote. Without
 * one (an English page) every record is the machine's own.
 */
export function islandTransitionTranslator(root: HTMLElement): (transition: Transition) => Transition {
  let texts: Record<string, Partial<TransitionText>> = {};
  try {
    texts = JSON.parse(root.dataset.transitions ?? '{}') as Record<string, Partial<TransitionText>>;
  } catch {
    // A malformed attribute is a build bug; the English records still say what happened.
  }
  return (transition) => withTexts(transition, texts[transition.id]);
}

/**
 * The words a trace's events borrow from transition records, looked up by the id an event carries: a state change's
 * cause is its record's event, an error its record's report. `english` is the trace's own text, said when the page
 * has no words for the id (an English page, or an event no record describes, such as a crash).
 */
export interface TransitionWords {
  event(id: string | undefined, english: string): string;
  reports(id: string | undefined, english: string): string;
}

/** Build time or browser: words from a table of the page's language, keyed by transition id. */
export function transitionWordsFrom(texts: Readonly<Record<string, Partial<TransitionText>>>): TransitionWords {
  return {
    event: (id, english) => (id !== undefined ? texts[id]?.event : undefined) ?? english,
    reports: (id, english) => (id !== undefined ? texts[id]?.reports : undefined) ?? english,
  };
}

/** The trace's own English words. */
export const TRACE_WORDS: TransitionWords = transitionWordsFrom({});

/** Browser: the words its component wrote into `data-transitions` (none on an English page). */
export function islandTransitionWords(root: HTMLElement): TransitionWords {
  try {
    return transitionWordsFrom(JSON.parse(root.dataset.transitions ?? '{}') as Record<string, Partial<TransitionText>>);
  } catch {
    // A malformed attribute is a build bug; the trace's English still says what happened.
    return TRACE_WORDS;
  }
}
