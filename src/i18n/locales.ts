/**
 * The site's languages: the keys of Starlight's `locales` in astro.config.mjs, English being the root locale.
 * A page's language is the first segment of its path ('/zh-cn/handshake/') or English.
 */
export const LOCALES = ['en', 'zh-cn'] as const;
export type Locale = (typeof LOCALES)[number];

/** The BCP 47 tag each edition writes in `<html lang>`. */
export const HTML_LANG: Record<Locale, string> = { en: 'en', 'zh-cn': 'zh-CN' };

/** The edition a page belongs to, from its URL (build time: `Astro.url`) and the site's base path. */
export function localeOfPath(pathname: string, base = '/'): Locale {
  const root = base.replace(/\/$/, '');
  const [first] = pathname.slice(pathname.startsWith(root) ? root.length : 0).split('/').filter(Boolean);
  const candidate = first?.toLowerCase();
  return LOCALES.find((locale) => locale !== 'en' && locale === candidate) ?? 'en';
}

/** Where the same page lives in an edition: the root for English, `/<locale>/` otherwise. */
export function localePrefix(locale: Locale): string {
  return locale === 'en' ? '' : `/${locale}`;
}
