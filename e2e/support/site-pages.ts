/**
 * The pages of the built site, found by walking dist/ (every `<folder>/index.html` is a page),
 * so a page added by anyone is tested without a list to keep up to date.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { DIST_DIR } from './static-server';

/** Site paths relative to the base, e.g. '' (home), 'reference/', 'zh-cn/handshake/'. */
export function builtPagePaths(root: string = DIST_DIR): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        // Pagefind's index and Astro's assets are not pages.
        if (name !== 'pagefind' && name !== '_astro' && name !== 'diagrams') walk(path);
      } else if (name === 'index.html') {
        const folder = relative(root, dir).split(sep).join('/');
        pages.push(folder ? `${folder}/` : '');
      }
    }
  };
  walk(root);
  return pages.sort();
}

/** Every file under dist/ with one of the extensions, as absolute paths. */
export function builtFiles(extensions: string[], root: string = DIST_DIR): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (extensions.some((extension) => name.endsWith(extension))) files.push(path);
    }
  };
  walk(root);
  return files.sort();
}
