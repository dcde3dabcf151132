// @ts-check
import { existsSync } from 'node:fs';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';

const DOCS_DIR = new URL('./content/docs/', import.meta.url);

/**
 * The sidebar, in reading order. Pages are written by several people in parallel, so an entry
 * whose file does not exist yet is left out instead of breaking the build
 * (Starlight's `autogenerate` cannot see a top-level `content/docs`, see shared/TOOLCHAIN.md).
 * To translate a label, add `translations: { 'zh-CN': '…' }` next to it.
 */
const SIDEBAR_PLAN = [
  { label: 'Start', translations: { 'zh-CN': '开始' }, slugs: ['index'] },
  { label: 'Learn', translations: { 'zh-CN': '学习' }, slugs: ['state-machine', 'handshake', 'teardown', 'resets'] },
  { label: 'Interview pitfalls', translations: { 'zh-CN': '面试误区' }, slugs: ['pitfalls'] },
  { label: 'Tools', translations: { 'zh-CN': '工具' }, slugs: ['playground', 'replay', 'reading-real-connections'] },
  { label: 'Reference', translations: { 'zh-CN': '参考' }, slugs: ['reference'] },
];

/** The home page's sidebar label; the other entries take each page's own (translated) title. */
const HOME = { slug: '', label: 'Home', translations: { 'zh-CN': '首页' } };

/** @param {string} slug */
function pageExists(slug) {
  return ['md', 'mdx'].some((extension) => existsSync(new URL(`${slug}.${extension}`, DOCS_DIR)));
}

function sidebarFromExistingPages() {
  return SIDEBAR_PLAN.map(({ label, translations, slugs }) => ({
    label,
    translations,
    items: slugs.filter(pageExists).map((slug) => (slug === 'index' ? HOME : slug)),
  })).filter((group) => group.items.length > 0);
}

/**
 * Locales: English lives at the root. Adding an edition is one entry here, a folder `content/docs/<key>/`
 * with every page, and a message catalogue in src/i18n/ (tests check all three agree).
 */
const LOCALES = {
  root: { label: 'English', lang: 'en' },
  'zh-cn': { label: '简体中文', lang: 'zh-CN' },
};

/** Deploying under a sub-path (GitHub Pages: `BASE_PATH=/tcp-lab`) and the canonical origin for the sitemap. */
const base = process.env.BASE_PATH || '/';
const site = process.env.SITE_URL || 'https://tcp-lab.example.org';

export default defineConfig({
  site,
  base,
  trailingSlash: 'ignore',
  integrations: [
    starlight({
      title: 'TCP Lab',
      description: 'The RFC 9293 TCP connection state machine: handshake, teardown and resets, explained and runnable.',
      defaultLocale: 'root',
      locales: LOCALES,
      sidebar: sidebarFromExistingPages(),
      // Search loads Pagefind's UI when first opened, not on every page (src/components/overrides/Search.astro).
      components: { Search: './src/components/overrides/Search.astro' },
      customCss: ['./src/styles/diagrams.css', './src/styles/tables.css', './src/styles/scroll-frames.css'],
      // Asides (:::note) are only rendered for directories Starlight knows about.
      markdown: { processedDirs: ['./content/docs'] },
      lastUpdated: false,
      pagination: true,
    }),
    mdx(),
  ],
});
