import type { Transition } from '../machine/types';
import type { Locale } from './locales';
import { TRANSITIONS_ZH_CN, type TransitionText } from './transitions.zh-cn';
import { TRACE_WORDS, transitionWordsFrom, withTexts, type TransitionWords } from './island-transitions';

/**
 * A transition record in a page's language. English is the machine definition's own text; other languages have a
 * table keyed by transition id (src/i18n/transitions.<locale>.ts). Ids, states, `rfc` and the RFC notation of
 * `sends` are the same in every language. Build time only: the browser gets the part a page needs through
 * `islandTransitions` and reads it with src/i18n/island-transitions.ts, so no page ships a whole table.
 */
const TABLES: Record<Exclude<Locale, 'en'>, Record<string, TransitionText>> = { 'zh-cn': TRANSITIONS_ZH_CN };

/** The fields a page can show in its language. */
export type TranslatedField = keyof TransitionText;

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
    const texts: TransitionText = table[transition.id] ?? { event: transition.event };
    const chosen = fieldsOf(transition).filter((field) => texts[field] !== undefined);
    return chosen.length ? [[transition.id, Object.fromEntries(chosen.map((field) => [field, texts[field]]))]] : [];
  });
  return JSON.stringify(Object.fromEntries(picked));
}

/** Build time: the words trace events borrow from transition records, in one language (a static ladder, a log). */
export function transitionWords(locale: Locale): TransitionWords {
  return locale === 'en' ? TRACE_WORDS : transitionWordsFrom(TABLES[locale]);
}
