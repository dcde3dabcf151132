import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where "Run it" and "Copy link" send a reader: the playground of the page's own language when that edition
 * has one (`/zh-cn/playground/` from a zh-cn page), else the root one. Build time only: it looks for the page's
 * file under content/docs/ (from the project root, where Astro builds).
 */
export function playgroundPath(pageUrl: URL, base: string): string {
  const root = base.replace(/\/$/, '');
  const [first] = pageUrl.pathname.slice(root.length).split('/').filter(Boolean);
  const locale = first && /^[a-z]{2}(?:-[a-z]{2,4})?$/i.test(first) ? first : null;
  const edition = locale && ['md', 'mdx'].some((extension) => existsSync(join(process.cwd(), 'content', 'docs', locale, `playground.${extension}`)));
  return edition ? `${root}/${locale}/playground/` : `${root}/playground/`;
}
