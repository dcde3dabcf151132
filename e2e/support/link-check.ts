/**
 * Checks every internal link of the built site: each `href`/`src` that stays on the site must
 * name a file in dist/, and each `#fragment` must name an element id on the target page.
 * Run alone: `npx tsx e2e/support/link-check.ts` (after `npm run build`; BASE_PATH as for the build).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, type HTMLElement } from 'node-html-parser';
import { builtFiles } from './site-pages';
import { DIST_DIR, normalizeBase } from './static-server';

export interface BrokenLink {
  /** The page the link is on, as a site path. */
  page: string;
  link: string;
  reason: string;
}

const ORIGIN = 'http://site.invalid';
const LINKING_ATTRIBUTES: Array<[selector: string, attribute: string]> = [
  ['a[href]', 'href'],
  ['link[href]', 'href'],
  ['script[src]', 'src'],
  ['img[src]', 'src'],
  ['source[src]', 'src'],
];

export function checkLinks(options: { root?: string; base?: string } = {}): { pages: number; links: number; broken: BrokenLink[] } {
  const root = options.root ?? DIST_DIR;
  const base = normalizeBase(options.base ?? process.env.BASE_PATH);
  const idsCache = new Map<string, Set<string>>();
  const idsOf = (file: string): Set<string> => {
    let ids = idsCache.get(file);
    if (!ids) {
      const document = parse(readFileSync(file, 'utf8'));
      ids = new Set(document.querySelectorAll('[id], a[name]').map((element) => element.getAttribute('id') ?? element.getAttribute('name') ?? ''));
      idsCache.set(file, ids);
    }
    return ids;
  };
  const fileForPath = (pathname: string): string | null => {
    if (!pathname.startsWith(base)) return null;
    const inside = decodeURIComponent(pathname.slice(base.length));
    const candidate = resolve(root, inside);
    if (!candidate.startsWith(resolve(root))) return null;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    const index = join(candidate, 'index.html');
    return existsSync(index) ? index : null;
  };

  const htmlFiles = builtFiles(['.html'], root);
  const broken: BrokenLink[] = [];
  let links = 0;
  for (const file of htmlFiles) {
    const sitePath = relative(root, file).split(sep).join('/');
    const pageUrl = new URL(`${base}${sitePath.replace(/index\.html$/, '')}`, ORIGIN);
    const document = parse(readFileSync(file, 'utf8'));
    for (const [selector, attribute] of LINKING_ATTRIBUTES) {
      for (const element of document.querySelectorAll(selector) as HTMLElement[]) {
        const value = element.getAttribute(attribute)?.trim();
        if (!value || /^(mailto|tel|javascript|data):/i.test(value)) continue;
        const target = new URL(value, pageUrl);
        if (target.origin !== ORIGIN) continue;
        links += 1;
        const targetFile = fileForPath(target.pathname);
        if (!targetFile) {
          broken.push({ page: sitePath, link: value, reason: `no file for ${target.pathname}` });
          continue;
        }
        const fragment = decodeURIComponent(target.hash.slice(1));
        if (fragment && targetFile.endsWith('.html') && !idsOf(targetFile).has(fragment)) {
          broken.push({ page: sitePath, link: value, reason: `no element with id "${fragment}" on ${target.pathname}` });
        }
      }
    }
  }
  return { pages: htmlFiles.length, links, broken };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { pages, links, broken } = checkLinks();
  for (const link of broken) console.log(`${link.page}: ${link.link}: ${link.reason}`);
  console.log(`link check: ${links} internal links on ${pages} pages, ${broken.length} broken`);
  process.exit(broken.length > 0 ? 1 : 0);
}
