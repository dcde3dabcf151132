/**
 * A small static server for the built site (dist/), as any static host would serve it: the
 * configured base path, `index.html` for folders, the site's 404 page, and gzip when the client
 * asks for it, so the end-to-end tests measure the bytes a reader really downloads.
 * Run: `npx tsx e2e/support/static-server.ts [port]` (PORT and BASE_PATH are read from the environment too).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';

export const DIST_DIR = fileURLToPath(new URL('../../dist/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.mmd': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.pcap': 'application/vnd.tcpdump.pcap',
  '.pcapng': 'application/octet-stream',
  '.pf_meta': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript)|image\/svg)/;

/** `/tcp-lab/` → `/tcp-lab/`; '' or '/' → '/'. */
export function normalizeBase(base: string | undefined): string {
  const trimmed = (base ?? '/').replace(/^\/*|\/*$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

function fileFor(urlPath: string, root: string): string | null {
  const decoded = decodeURIComponent(urlPath);
  const candidate = resolve(root, `.${normalize(decoded)}`);
  if (!candidate.startsWith(resolve(root))) return null;
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  const index = join(candidate, 'index.html');
  if (existsSync(index)) return index;
  return null;
}

export function startStaticServer(options: { port: number; base?: string; root?: string }): Promise<Server> {
  const root = options.root ?? DIST_DIR;
  const base = normalizeBase(options.base);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const inBase = `${url.pathname}/`.startsWith(base) || url.pathname === base.slice(0, -1);
    const path = inBase ? `/${url.pathname.slice(base.length)}` : null;
    // Folders are served with a trailing slash, as static hosts redirect to it.
    if (path !== null && !path.endsWith('/') && !extname(path) && fileFor(`${path}/`, root)) {
      response.writeHead(301, { Location: `${url.pathname}/${url.search}` });
      response.end();
      return;
    }
    const file = path === null ? null : fileFor(path, root);
    const status = file ? 200 : 404;
    const body = file ?? join(root, '404.html');
    const type = CONTENT_TYPES[extname(body)] ?? 'application/octet-stream';
    const gzip = COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    response.writeHead(status, { 'Content-Type': type, ...(gzip ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}) });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    const stream = createReadStream(body);
    (gzip ? stream.pipe(createGzip()) : stream).pipe(response);
  });
  return new Promise((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolveServer(server));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 4322);
  const base = normalizeBase(process.env.BASE_PATH);
  if (!existsSync(join(DIST_DIR, 'index.html'))) {
    console.error('static-server: dist/index.html is missing: run `npm run build` first.');
    process.exit(1);
  }
  startStaticServer({ port, base }).then(() => console.log(`static-server: serving dist/ at http://127.0.0.1:${port}${base}`));
}
