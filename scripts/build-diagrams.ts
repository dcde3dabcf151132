/**
 * Generates every diagram of the site from the machine and the scenario files, renders the
 * ones whose Mermaid source changed in ONE headless-browser batch, and writes
 *   public/diagrams/<name>.svg|.mmd     the files readers download and cite,
 *   src/generated/diagrams/<name>.svg   the inline variant the components embed,
 *   src/generated/diagrams/manifest.json titles and sizes for the components.
 * Renders are cached in .cache/diagrams/<sha256 of source and renderer>.svg, so a rebuild
 * with unchanged diagrams launches no browser at all.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createMermaidRenderer } from 'mermaid-isomorphic';
import { ChromiumNotFoundError, chromiumLaunchOptions } from '../e2e/support/chromium';
import { diagramCatalog, type DiagramEntry } from '../src/diagrams/catalog';
import { inlineSvg, standaloneSvg, svgSize, withPlaceholderId } from '../src/diagrams/svg-postprocess';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE_DIR = `${ROOT}.cache/diagrams/`;
const PUBLIC_DIR = `${ROOT}public/diagrams/`;
const GENERATED_DIR = `${ROOT}src/generated/diagrams/`;
const RENDER_PREFIX = 'tcplab-render';

/** Rendered in a neutral light theme; the inline copies are recoloured by src/styles/diagrams.css. */
const MERMAID_CONFIG = {
  theme: 'neutral',
  look: 'classic',
  fontFamily: 'arial,sans-serif',
  sequence: { mirrorActors: false, actorMargin: 40, width: 110, noteAlign: 'left', messageAlign: 'center', messageFontSize: 15, noteFontSize: 14 },
} as const;

export interface ManifestEntry {
  name: string;
  kind: DiagramEntry['kind'];
  title: string;
  description: string;
  /** The states drawn, each marked `data-state` in the SVG (empty for sequence diagrams). */
  states: string[];
  width: number;
  height: number;
}

const mermaidVersion: string = createRequire(import.meta.url)('mermaid/package.json').version;

function cacheKey(entry: DiagramEntry): string {
  return createHash('sha256').update(JSON.stringify({ source: entry.source, mermaidVersion, config: MERMAID_CONFIG })).digest('hex');
}

async function renderAll(entries: DiagramEntry[]): Promise<string[]> {
  const render = createMermaidRenderer({ launchOptions: chromiumLaunchOptions() });
  const results = await render(
    entries.map((entry) => entry.source),
    { prefix: RENDER_PREFIX, mermaidConfig: MERMAID_CONFIG },
  );
  return results.map((result, index) => {
    const name = entries[index]!.name;
    if (result.status === 'rejected') {
      const reason = result.reason as { message?: string } | undefined;
      throw new Error(`diagram ${name}: Mermaid could not render it: ${reason?.message ?? String(reason)}`);
    }
    return withPlaceholderId(result.value.svg, result.value.id);
  });
}

function replaceDirectory(dir: string, files: Map<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(dir)) if (!files.has(file)) rmSync(`${dir}${file}`);
  for (const [file, content] of files) {
    const path = `${dir}${file}`;
    // Unchanged files keep their mtime, so `astro dev` does not reload for nothing.
    if (!existsSync(path) || readFileSync(path, 'utf8') !== content) writeFileSync(path, content);
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const catalog = diagramCatalog();
  mkdirSync(CACHE_DIR, { recursive: true });

  const keys = new Map(catalog.map((entry) => [entry.name, cacheKey(entry)]));
  const cachePath = (entry: DiagramEntry) => `${CACHE_DIR}${keys.get(entry.name)}.svg`;
  const toRender = catalog.filter((entry) => !existsSync(cachePath(entry)));

  let renderMs = 0;
  if (toRender.length > 0) {
    const renderStarted = performance.now();
    const svgs = await renderAll(toRender);
    svgs.forEach((svg, index) => writeFileSync(cachePath(toRender[index]!), svg));
    renderMs = performance.now() - renderStarted;
  }

  const publicFiles = new Map<string, string>();
  const generatedFiles = new Map<string, string>();
  const manifest: ManifestEntry[] = [];
  for (const entry of catalog) {
    const cached = readFileSync(cachePath(entry), 'utf8');
    publicFiles.set(`${entry.name}.svg`, standaloneSvg(cached, entry.name, entry.states));
    publicFiles.set(`${entry.name}.mmd`, entry.source);
    const inline = inlineSvg(cached, entry.name, entry.states);
    generatedFiles.set(`${entry.name}.svg`, inline);
    manifest.push({ name: entry.name, kind: entry.kind, title: entry.title, description: entry.description, states: entry.states, ...svgSize(inline) });
  }
  generatedFiles.set('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  replaceDirectory(PUBLIC_DIR, publicFiles);
  replaceDirectory(GENERATED_DIR, generatedFiles);

  const fromCache = catalog.length - toRender.length;
  const renderNote = toRender.length > 0 ? ` (render ${(renderMs / 1000).toFixed(1)} s)` : '';
  console.log(
    `diagrams: ${toRender.length} rendered, ${fromCache} from cache${renderNote}; total ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

main().catch((error: unknown) => {
  // One line, no stack trace: the message names the diagram or the missing browser.
  const message = error instanceof ChromiumNotFoundError ? error.message : error instanceof Error ? error.message : String(error);
  console.error(`diagrams: ${message}`);
  process.exit(1);
});
