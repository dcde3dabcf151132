/**
 * What a page costs a reader: the compressed bytes transferred, by resource type. Attach before
 * navigating, read after the page has settled:
 *   const weight = watchPageWeight(page); await page.goto(url); …; weight.bytes('script')
 * The static server gzips like a real host, so these are the bytes on the wire.
 * Starlight loads its search UI (Pagefind, ≈ 26 KB gzip) when the browser is idle, on every page:
 * PAGEFIND_UI tells it apart so budgets can be about our own code.
 */
export const PAGEFIND_UI = /\/pagefind\/|\/ui-core\.[\w-]+\.js$/;

import type { Page, Request } from '@playwright/test';

export interface PageWeight {
  /**
   * Transferred (compressed) body bytes of finished requests of that resource type ('script',
   * 'stylesheet', 'document', …; all types without one), optionally only those whose URL matches.
   */
  bytes(resourceType?: string, urlPattern?: RegExp): Promise<number>;
  /** The URLs counted, for a message when a budget is exceeded. */
  urls(resourceType?: string): string[];
}

export function watchPageWeight(page: Page): PageWeight {
  const finished: Request[] = [];
  page.on('requestfinished', (request) => finished.push(request));
  const matching = (resourceType?: string, urlPattern?: RegExp) =>
    finished.filter((request) => (!resourceType || request.resourceType() === resourceType) && (!urlPattern || urlPattern.test(request.url())));
  return {
    async bytes(resourceType, urlPattern) {
      const sizes = await Promise.all(matching(resourceType, urlPattern).map((request) => request.sizes()));
      return sizes.reduce((sum, size) => sum + size.responseBodySize, 0);
    },
    urls(resourceType) {
      return matching(resourceType).map((request) => request.url());
    },
  };
}

export function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
