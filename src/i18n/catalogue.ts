import { en, type MessageKey, type Messages } from './messages.en';
import { zhCn } from './messages.zh-cn';
import { translator, type Translate } from './format';
import { localeOfPath, type Locale } from './locales';

/**
 * Build time only (components' frontmatter, tests): the whole catalogues. The browser never imports this module;
 * an island receives the few strings it needs, in its page's language only, through `islandMessages`.
 */
export const CATALOGUES: Record<Locale, Messages> = { en, 'zh-cn': zhCn };

export function messagesFor(locale: Locale): Messages {
  return CATALOGUES[locale];
}

/** `t(key, params)` in one language. */
export function translatorFor(locale: Locale): Translate {
  return translator(CATALOGUES[locale]);
}

/** The language of the page being built, from `Astro.url` and the base path. */
export function pageLocale(url: URL, base: string): Locale {
  return localeOfPath(url.pathname, base);
}

/**
 * The messages whose keys start with one of `prefixes`, as JSON for a `data-messages` attribute: what one island
 * needs in one language, so a page ships neither the other language nor other islands' strings.
 */
export function islandMessages(locale: Locale, prefixes: readonly string[]): string {
  const messages = CATALOGUES[locale];
  const picked = Object.fromEntries(
    (Object.keys(messages) as MessageKey[]).filter((key) => prefixes.some((prefix) => key.startsWith(prefix))).map((key) => [key, messages[key]]),
  );
  return JSON.stringify(picked);
}
