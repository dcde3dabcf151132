import type { Page } from '@playwright/test';

/**
 * Scrolls through the page so every island that hydrates when visible (client:visible) does,
 * then lets the network settle: what a reader who reads to the end would have loaded.
 */
export async function visitWholePage(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight / 2) {
      window.scrollTo(0, y);
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 30)));
    }
  });
  await page.waitForLoadState('networkidle');
}
