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
