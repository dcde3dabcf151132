import { readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { machine } from '../src/machine/definition';
import { checkLinks } from './support/link-check';
import { kilobytes, PAGEFIND_UI, watchPageWeight } from './support/page-weight';
import { builtFiles, builtPagePaths } from './support/site-pages';
import { visitWholePage } from './support/visit-whole-page';

const SCREENSHOTS = 'e2e/screenshots';
const manifest: Array<{ name: string; kind: string; states: string[]; width: number }> = JSON.parse(
  readFileSync(new URL('../src/generated/diagrams/manifest.json', import.meta.url), 'utf8'),
);

/** Console errors, uncaught exceptions and failed or 4xx/5xx requests seen while the page lives. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

test.describe('every page of the built site', () => {
  for (const path of builtPagePaths()) {
    const label = path || '(home)';

    test(`${label} loads with no console error and no failed request`, async ({ page }) => {
      const problems = watchProblems(page);
      await visitWholePage(page, path);
      expect(problems).toEqual([]);
    });

    test(`${label} inlines each diagram as SVG with its states marked`, async ({ page }) => {
      await page.goto(path);
      const figures = page.locator('figure[data-diagram]');
      for (const figure of await figures.all()) {
        const name = (await figure.getAttribute('data-diagram')) ?? '';
        const entry = manifest.find((diagram) => diagram.name === name);
        expect(entry, `diagram ${name} is in the manifest`).toBeDefined();
        await expect(figure.locator('svg').first()).toBeAttached();
        const marked = await figure.locator('svg [data-state]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-state')));
        expect(new Set(marked), `states marked in ${name}`).toEqual(new Set(entry?.states));
        await expect(figure.locator('img[src$=".svg"]')).toHaveCount(0);
      }
    });

    test(`${label} has no serious or critical accessibility violation (axe, WCAG 2 A/AA)`, async ({ page }) => {
      await visitWholePage(page, path);
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa'])
        // Starlight's own search button: its visible text ("Search", "Ctrl K") differs from its label
        // (label-content-name-mismatch). It is Starlight's component, not ours; see shared/TOOLCHAIN.md.
        .exclude('button[data-open-modal]')
        .analyze();
      const serious = results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
      expect(serious).toEqual([]);
    });
  }
});

test.describe('site features', () => {
  test('search finds TIME-WAIT', async ({ page }) => {
    await page.goto('');
    await page.locator('button[data-open-modal]').click();
    const input = page.locator('.pagefind-ui__search-input');
    await input.fill('TIME-WAIT');
    const results = page.locator('.pagefind-ui__result');
    await expect(results.first()).toBeVisible({ timeout: 15_000 });
    expect(await results.count()).toBeGreaterThan(0);
    await expect(page.locator('.pagefind-ui__result mark').first()).toContainText(/TIME/i);
  });

  test('dark mode toggles, and the diagrams follow it', async ({ page }) => {
    await page.goto('reference/');
    const themeSelect = page.locator('starlight-theme-select select').first();
    const stateBox = page.locator('figure[data-kind="state"] svg [data-state="CLOSED"] rect').first();
    const fillIn = async (theme: 'light' | 'dark') => {
      await themeSelect.selectOption(theme);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      return stateBox.evaluate((node) => getComputedStyle(node).fill);
    };
    const light = await fillIn('light');
    const dark = await fillIn('dark');
    expect(dark).not.toBe(light);
    expect(await fillIn('light')).toBe(light);
  });

  test('screenshots of the home page and the state-diagram page, light and dark', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    for (const [name, path] of [['home', ''], ['state-machine', 'state-machine/']] as const) {
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme });
        await page.goto(path);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        const diagram = page.locator('figure[data-kind="state"]').first();
        if (name !== 'home' && (await diagram.count()) > 0) await diagram.scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${SCREENSHOTS}/${name}-${theme}.png` });
      }
    }
  });

  test('"Copy Mermaid source" copies the diagram source', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('reference/');
    const figure = page.locator('figure[data-diagram="state-handshake"]');
    await figure.getByRole('button', { name: 'Copy Mermaid source' }).click();
    await expect(figure.getByRole('status')).toHaveText('Copied.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.startsWith('stateDiagram-v2\n')).toBe(true);
    expect(copied).toContain('SYN_SENT --> SYN_RECEIVED');
  });

  test('the diagram files are published for citing: /diagrams/<name>.svg and .mmd', async ({ request }) => {
    for (const { name } of manifest) {
      const svg = await request.get(`diagrams/${name}.svg`);
      expect(svg.status(), `${name}.svg`).toBe(200);
      expect(await svg.text()).toContain('<svg');
      const source = await request.get(`diagrams/${name}.mmd`);
      expect(source.status(), `${name}.mmd`).toBe(200);
      expect(await source.text()).toMatch(/^(stateDiagram-v2|sequenceDiagram)\n/);
    }
  });

  test('/tcp-machine.json serves the machine the site runs', async ({ request }) => {
    const response = await request.get('tcp-machine.json');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/json');
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(machine)));
  });

  test('page weight: JavaScript transferred on the home, reference and playground pages', async ({ page }) => {
    for (const path of ['', 'reference/', 'playground/']) {
      const weight = watchPageWeight(page);
      await visitWholePage(page, path);
      const js = await weight.bytes('script');
      const search = await weight.bytes('script', PAGEFIND_UI);
      const all = await weight.bytes();
      console.log(
        `page weight ${path || '(home)'}: JS ${kilobytes(js)} gzip (${kilobytes(js - search)} without the search UI Starlight loads on idle), all resources ${kilobytes(all)}`,
      );
      expect(js).toBeGreaterThan(0);
    }
  });
});

test.describe('on a phone (390 px wide)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  for (const path of builtPagePaths()) {
    test(`${path || '(home)'} does not overflow the page sideways (wide content scrolls inside its own frame)`, async ({ page }) => {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(`(() => {
        const viewport = document.documentElement.clientWidth;
        const scrollsInside = (element) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(element).overflowX);
        const offenders = [];
        for (const element of document.body.querySelectorAll('*')) {
          const box = element.getBoundingClientRect();
          if (box.width === 0 || box.right <= viewport + 1 || getComputedStyle(element).position === 'fixed') continue;
          let ancestor = element.parentElement;
          while (ancestor && ancestor !== document.body && !scrollsInside(ancestor)) ancestor = ancestor.parentElement;
          if (!ancestor || ancestor === document.body) offenders.push(element.tagName.toLowerCase() + '.' + [...element.classList].join('.') + ' ends at ' + Math.round(box.right) + ' px');
        }
        return { documentWidth: document.documentElement.scrollWidth, bodyWidth: document.body.scrollWidth, viewport, offenders: offenders.slice(0, 5) };
      })()`);
      expect(overflow).toEqual({ documentWidth: 390, bodyWidth: 390, viewport: 390, offenders: [] });
    });
  }
});

test.describe('a diagram wider than the column', () => {
  test('the full state diagram opens at actual size in a frame that scrolls by keyboard, and a keyboard-operable toggle fits it to the column', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('state-machine/');
    const figure = page.locator('figure[data-diagram="state-full"]');
    const canvas = figure.locator('.tcplab-diagram__canvas');
    const svg = canvas.locator('svg').first();
    const naturalWidth = manifest.find((diagram) => diagram.name === 'state-full')!.width;
    await expect(canvas).toHaveAttribute('tabindex', '0');
    await expect(canvas).toHaveAttribute('aria-label', /.+/);
    await expect(figure.getByRole('link', { name: 'Download SVG' })).toHaveAttribute('href', /diagrams\/state-full\.svg$/);

    // Fitted into the column it would be drawn at about a quarter of its size: it opens 1:1.
    await expect(figure).toHaveAttribute('data-zoom', 'actual');
    expect(Math.abs((await svg.boundingBox())!.width - naturalWidth)).toBeLessThanOrEqual(1);
    expect(await canvas.evaluate((node) => node.scrollHeight > node.clientHeight && node.scrollWidth > node.clientWidth)).toBe(true);
    await canvas.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('PageDown');
    await expect.poll(() => canvas.evaluate((node) => node.scrollLeft > 0 && node.scrollTop > 0)).toBe(true);

    const fit = figure.getByRole('button', { name: 'Fit to width' });
    await fit.focus();
    await page.keyboard.press('Enter');
    await expect(figure).toHaveAttribute('data-zoom', 'fit');
    await expect(figure.getByRole('button', { name: 'Actual size' })).toBeFocused();
    const canvasWidth = await canvas.evaluate((node) => node.clientWidth);
    expect((await svg.boundingBox())!.width).toBeLessThanOrEqual(canvasWidth);

    await figure.getByRole('button', { name: 'Actual size' }).press('Space');
    await expect(figure).toHaveAttribute('data-zoom', 'actual');
  });

  test('the overview, first on the state-machine page, is drawn at a legible scale in the column', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('state-machine/');
    const first = page.locator('figure[data-diagram]').first();
    await expect(first).toHaveAttribute('data-diagram', 'state-overview');
    await expect(first).toHaveAttribute('data-zoom', 'fit');
    const naturalWidth = manifest.find((diagram) => diagram.name === 'state-overview')!.width;
    const drawnWidth = (await first.locator('svg').first().boundingBox())!.width;
    expect(drawnWidth / naturalWidth).toBeGreaterThan(0.6);
  });
});

test.describe('the built files', () => {
  /** Strings found only in Mermaid's bundle; checked against Mermaid itself so a stale marker cannot pass silently. */
  const MERMAID_MARKERS = ['mermaidAPI', 'registerExternalDiagrams', 'flowchart-v2', 'stateDiagram-v2'];

  test('the markers are Mermaid\'s: each occurs in mermaid.min.js', () => {
    const mermaidBundle = readFileSync(new URL('../node_modules/mermaid/dist/mermaid.min.js', import.meta.url), 'utf8');
    for (const marker of MERMAID_MARKERS) expect(mermaidBundle, marker).toContain(marker);
  });

  test('no JavaScript file shipped in dist/ contains Mermaid', () => {
    const scripts = builtFiles(['.js', '.mjs']);
    expect(scripts.length).toBeGreaterThan(0);
    const offenders = scripts.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return MERMAID_MARKERS.filter((marker) => text.includes(marker)).map((marker) => `${file}: ${marker}`);
    });
    expect(offenders).toEqual([]);
  });

  test('every internal link and #anchor in dist/ resolves', () => {
    const { links, broken } = checkLinks();
    expect(links).toBeGreaterThan(0);
    expect(broken.map((link) => `${link.page}: ${link.link} (${link.reason})`)).toEqual([]);
  });
});
