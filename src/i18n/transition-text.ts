import type { Transition } from '../machine/types';
import type { Locale } from './locales';
import { TRANSITIONS_ZH_CN, type TransitionText } from './transitions.zh-cn';

/**
 * A transition record in a page's language. English is the machine definition's own text; other languages have a
 * table keyed by transition id (src/i18n/transitions.<locale>.ts). Ids, states, `rfc` and the RFC notation of
 * `sends` are the same in every language.
 */
const TABLES: Record<Exclude<Locale, 'en'>, Record<string, TransitionText>> = { 'zh-cn': TRANSITIONS_ZH_CN };

/** The fields a page can show in its language. */
export type TranslatedField = keyof TransitionText;

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

/** Build time: the record in one language. */
export function localTransition(locale: Locale, transition: Transition): Transition {
  return locale === 'en' ? transition : withTexts(transition, TABLES[locale][transition.id]);
}

/**
 * Build time: the chosen fields of the chosen records in one language, as JSON for an island's
 * `data-transitions` attribute; `undefined` for English, whose words the island already has in the machine.
 */
export function islandTransitions(
  locale: Locale,
  transitions: readonly Transition[],
  fields: readonly TranslatedField[] | ((transition: Transition) => readonly TranslatedField[]),
): string | undefined {
  if (locale === 'en') return undefined;
  const table = TABLES[locale];
  const fieldsOf = typeof fields === 'function' ? fields : () => fields;
  const picked = transitions.flatMap((transition) => {
    const texts = table[transition.id] ?? {};
    const chosen = fieldsOf(transition).filter((field) => texts[field] !== undefined);
    return chosen.length ? [[transition.id, Object.fromEntries(chosen.map((field) => [field, texts[field]]))]] : [];
  });
  return JSON.stringify(Object.fromEntries(picked));
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
