/**
 * The islands driven as a reader would, in the real Chromium, against the built site (see playwright.config.ts):
 * the connection simulator (playground and articles), the state explorer, the quiz, permalinks, export,
 * keyboard-only use, reduced motion, JavaScript off, screenshots, and the JavaScript weight of every article.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { parseScenario } from '../src/simulator/scenario';
import { simulate } from '../src/simulator/simulate';
import type { Trace } from '../src/simulator/trace';
import { kilobytes, watchPageWeight } from './support/page-weight';
import { builtPagePaths } from './support/site-pages';
import { DIST_DIR } from './support/static-server';
import { visitWholePage } from './support/visit-whole-page';

const SCREENSHOTS = 'e2e/screenshots';
const JS_BUDGET = 60 * 1024;

/** What `npm run -s simulate` says about a scenario file: the expectations come from the machine, not from this test. */
function traceOf(scenario: string): Trace {
  const file = new URL(`../content/scenarios/${scenario}.json`, import.meta.url);
  return simulate(parseScenario(JSON.parse(readFileSync(file, 'utf8')), scenario));
}

/** The built pages whose HTML contains `marker` (an island's tag), so the tests follow wherever the articles put them. */
function pagesWith(marker: string): string[] {
  return builtPagePaths().filter((path) => readFileSync(join(DIST_DIR, path, 'index.html'), 'utf8').includes(marker));
}

function firstPageWith(marker: string): string {
  const [page] = pagesWith(marker);
  if (page === undefined) throw new Error(`no built page contains ${marker}: embed the component in an article`);
  return page;
}

/** A page object for one <Simulator> island. */
class SimulatorIsland {
  constructor(
    readonly page: Page,
    readonly root: Locator,
  ) {}

  static async open(page: Page, path: string, selector = 'tcp-simulator'): Promise<SimulatorIsland> {
    await page.goto(path);
    const root = page.locator(selector).first();
    await root.scrollIntoViewIfNeeded();
    const island = new SimulatorIsland(page, root);
    await expect(island.live).toBeVisible();
    return island;
  }

  get live() {
    return this.root.locator('[data-ref="live"]');
  }
  button(name: string | RegExp) {
    return this.root.getByRole('button', { name, exact: typeof name === 'string' });
  }
  state(side: 'a' | 'b') {
    return this.root.locator(`[data-side="${side}"] [data-ref="state"]`);
  }
  get position() {
    return this.root.locator('[data-ref="position"]');
  }
  get ladder() {
    return this.root.locator('[data-ref="ladder"] svg');
  }
  get announcement() {
    return this.root.locator('[data-ref="announce"]');
  }
  get log() {
    return this.root.locator('[data-ref="log"]');
  }
  async step(): Promise<number> {
    const match = /^Step (\d+) of (\d+)/.exec((await this.position.textContent()) ?? '');
    if (!match) throw new Error(`unreadable position "${await this.position.textContent()}"`);
    return Number(match[1]);
  }
  async total(): Promise<number> {
    return Number(/of (\d+)/.exec((await this.position.textContent()) ?? '')![1]);
  }
  /** Presses "Step" until `done` holds, failing if the end comes first. */
  async stepUntil(done: () => Promise<boolean>, what: string): Promise<void> {
    while (!(await done())) {
      const forward = this.button('Step forward');
      if (await forward.isDisabled()) throw new Error(`reached the end without ${what}`);
      await forward.click();
    }
  }
}

test.describe('connection simulator', () => {
  test('plays the normal open and close to the end and shows both final states as the trace says', async ({ page }) => {
    const expected = traceOf('normal-open-close');
    const sim = await SimulatorIsland.open(page, 'playground/?scenario=normal-open-close');
    await expect(sim.position).toHaveText(/^Step 0 of \d+/);
    await sim.root.locator('[data-ref="speed"]').selectOption('4');
    await sim.button('Play').click();
    await expect(sim.button('Replay')).toBeVisible({ timeout: 30_000 });
    expect(await sim.step()).toBe(await sim.total());
    await expect(sim.state('a')).toHaveText(expected.final.client!);
    await expect(sim.state('b')).toHaveText(expected.final.server!);
    // The client passed through TIME-WAIT on its way to CLOSED, 2 MSL after the last ACK.
    await expect(sim.log).toContainText('client: TIME-WAIT → CLOSED (timeout 2MSL)');
    const sent = expected.events.filter((event) => event.type === 'send').length;
    await expect(sim.ladder.locator('g.segment.is-delivered')).toHaveCount(sent);
    await expect(sim.announcement).toContainText('Finished. client is CLOSED, server is CLOSED.');
  });

  test('loses the final ACK on request: the server retransmits its FIN and the client restarts TIME-WAIT', async ({ page }) => {
    const sim = await SimulatorIsland.open(page, 'playground/?scenario=normal-open-close');
    await sim.stepUntil(async () => (await sim.state('a').textContent()) === 'FIN-WAIT-2', 'the client in FIN-WAIT-2');
    await sim.button('Drop the next segment from client').click();
    await expect(page).toHaveURL(/edits=client\.drop4/);
    await sim.button('Go to the last step').click();

    await expect(sim.ladder.locator('g.segment.is-lost[data-from="client"][data-flags="ACK"]')).toHaveCount(1);
    await expect(sim.ladder.locator('g.segment.is-lost .lost-mark')).toHaveCount(1);
    await expect(sim.ladder.locator('g.segment[data-from="server"][data-flags="FIN,ACK"]')).toHaveCount(2);
    // Two 2MSL bars: the first stopped by the retransmitted FIN, the second started again and run out.
    await expect(sim.ladder.locator('g.timer-timeWait')).toHaveCount(2);
    const log = (await sim.log.textContent()) ?? '';
    const retransmitted = log.indexOf("server's retransmission (RTO) timer fires");
    expect(retransmitted).toBeGreaterThan(-1);
    expect(log.indexOf('client stops its 2MSL (TIME-WAIT) timer', retransmitted)).toBeGreaterThan(retransmitted);
    expect(log.indexOf('client starts its 2MSL (TIME-WAIT) timer', retransmitted)).toBeGreaterThan(retransmitted);
    await expect(sim.state('a')).toHaveText('CLOSED');
    await expect(sim.state('b')).toHaveText('CLOSED');
  });

  test('the lost-final-ack article simulator shows the same story: FIN sent twice, 2MSL restarted', async ({ page }) => {
    const path = pagesWith('data-scenario="lost-final-ack"').find((candidate) => !candidate.startsWith('zh-cn')) ?? firstPageWith('data-scenario="lost-final-ack"');
    await page.goto(path);
    const root = page.locator('tcp-simulator[data-scenario="lost-final-ack"]').first();
    await root.scrollIntoViewIfNeeded();
    const sim = new SimulatorIsland(page, root);
    await expect(sim.live).toBeVisible();
    await sim.stepUntil(async () => (await sim.log.textContent())?.includes('client starts its 2MSL (TIME-WAIT) timer') ?? false, 'TIME-WAIT');
    await expect(sim.state('a')).toHaveText('TIME-WAIT');
    await sim.stepUntil(async () => (await sim.ladder.locator('g.segment[data-from="server"][data-flags="FIN,ACK"]').count()) === 2, 'the retransmitted FIN');
    await sim.stepUntil(async () => (await sim.ladder.locator('g.timer-timeWait').count()) === 2, 'the 2MSL restart');
    await expect(sim.state('a')).toHaveText('TIME-WAIT');
  });

  test('makes a call the state allows: the client aborts an established connection and the server is reset', async ({ page }) => {
    const sim = await SimulatorIsland.open(page, 'playground/?scenario=normal-open-close');
    await sim.stepUntil(async () => (await sim.state('b').textContent()) === 'ESTABLISHED', 'both ESTABLISHED');
    const calls = sim.root.locator('[data-side="a"] [data-ref="calls"] button');
    await expect(calls).toHaveText(['send', 'close', 'abort', 'crash']);
    await sim.root.getByRole('button', { name: 'client: abort' }).click();
    await expect(sim.state('a')).toHaveText('CLOSED');
    await expect(page).toHaveURL(/edits=client\.abort@\d+$/);
    await sim.button('Go to the last step').click();
    await expect(sim.state('b')).toHaveText('CLOSED');
    await expect(sim.ladder.locator('g.segment[data-from="client"][data-flags="RST"]')).toHaveCount(1);
  });

  test('a permalink lands on the same step, with the same edits', async ({ page, context, browser }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const sim = await SimulatorIsland.open(page, 'playground/?scenario=lost-syn-ack');
    for (let index = 0; index < 3; index++) await sim.button('Step forward').click();
    await sim.button('Drop the next segment from server').click();
    for (let index = 0; index < 2; index++) await sim.button('Step forward').click();
    const position = await sim.position.textContent();
    const states = [await sim.state('a').textContent(), await sim.state('b').textContent()];
    const ladder = await sim.ladder.evaluate((svg) => svg.outerHTML);

    await sim.button('Copy link to this step').click();
    const link = await sim.root.locator('[data-ref="copied-link"]').getAttribute('href');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    expect(link).toMatch(/\/playground\/\?scenario=lost-syn-ack&step=\d+&edits=server\.drop\d+$/);

    const other = await browser.newPage();
    const again = await SimulatorIsland.open(other, link!);
    await expect(again.position).toHaveText(position!);
    await expect(again.state('a')).toHaveText(states[0]!);
    await expect(again.state('b')).toHaveText(states[1]!);
    expect(await again.ladder.evaluate((svg) => svg.outerHTML)).toBe(ladder);
    await other.close();
  });

  test('an article simulator links to the playground at its current step', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const sim = await SimulatorIsland.open(page, firstPageWith('data-scenario="lost-final-ack"'), 'tcp-simulator[data-scenario="lost-final-ack"]');
    await sim.button('Step forward').click();
    await sim.button('Step forward').click();
    await sim.button('Copy link to this step').click();
    const link = await sim.root.locator('[data-ref="copied-link"]').getAttribute('href');
    expect(link).toMatch(/\/playground\/\?scenario=lost-final-ack&step=2$/);
    // The article's own URL is left alone: it may hold several simulators.
    expect(page.url()).not.toContain('scenario=');
  });

  test('unknown or garbage parameters give a clear message and the default scenario, never a blank island', async ({ page }) => {
    const sim = await SimulatorIsland.open(page, 'playground/?scenario=foo&step=abc&edits=client.explode@3');
    const problems = sim.root.locator('[data-ref="problems"]');
    await expect(problems).toBeVisible();
    await expect(problems).toContainText('Unknown scenario "foo"; showing normal-open-close.');
    await expect(problems).toContainText('Step "abc" is not a whole number');
    await expect(problems).toContainText('Edit "client.explode@3" is not understood');
    await expect(sim.ladder).toBeVisible();
    await expect(sim.root.locator('[data-ref="scenario"]')).toHaveValue('normal-open-close');
    await expect(sim.position).toHaveText(/^Step 0 of \d+/);

    const past = await SimulatorIsland.open(page, 'playground/?scenario=lost-fin&step=9999');
    await expect(past.root.locator('[data-ref="problems"]')).toContainText('Step 9999 is past the end of lost-fin');
    expect(await past.step()).toBe(await past.total());
  });

  test('step back returns to exactly the previous picture', async ({ page }) => {
    const sim = await SimulatorIsland.open(page, 'playground/?scenario=simultaneous-close');
    for (let index = 0; index < 4; index++) await sim.button('Step forward').click();
    const before = { position: await sim.position.textContent(), a: await sim.state('a').textContent(), ladder: await sim.ladder.evaluate((svg) => svg.outerHTML) };
    await sim.button('Step forward').click();
    await expect(sim.position).not.toHaveText(before.position!);
    await sim.button('Step back').click();
    await expect(sim.position).toHaveText(before.position!);
    await expect(sim.state('a')).toHaveText(before.a!);
    expect(await sim.ladder.evaluate((svg) => svg.outerHTML)).toBe(before.ladder);
    await expect(sim.announcement).toHaveText('Back to step 4.');
  });

  test('announces each step politely for screen readers', async ({ page }) => {
    const sim = await SimulatorIsland.open(page, 'playground/?scenario=normal-open-close');
    await expect(sim.announcement).toHaveAttribute('aria-live', 'polite');
    await sim.button('Step forward').click();
    await expect(sim.announcement).toHaveText('Step 1: server: CLOSED → LISTEN (passive OPEN (listen)).');
  });

  test('works by keyboard alone: Tab to it, arrows step, Home and End jump, Space plays, Enter presses a call', async ({ page }) => {
    await page.goto('playground/?scenario=normal-open-close');
    const sim = new SimulatorIsland(page, page.locator('tcp-simulator').first());
    await expect(sim.live).toBeVisible();
    // Tab from the top of the page until the focus is inside the simulator.
    for (let presses = 0; presses < 80; presses++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => Boolean(document.activeElement?.closest('tcp-simulator')))) break;
    }
    expect(await page.evaluate(() => document.activeElement?.closest('tcp-simulator') !== null)).toBe(true);
    // Reach the ladder (a focusable, scrollable region) so Space means play rather than pressing a button.
    for (let presses = 0; presses < 40; presses++) {
      if (await page.evaluate(() => document.activeElement?.getAttribute('data-ref') === 'ladder')) break;
      await page.keyboard.press('Tab');
    }
    await expect(page.locator('[data-ref="ladder"]').first()).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(sim.position).toHaveText(/^Step 2 of/);
    await page.keyboard.press('ArrowLeft');
    await expect(sim.position).toHaveText(/^Step 1 of/);
    await page.keyboard.press('End');
    expect(await sim.step()).toBe(await sim.total());
    await page.keyboard.press('Home');
    await expect(sim.position).toHaveText(/^Step 0 of/);
    await page.keyboard.press('Space');
    await expect(sim.root.locator('button[data-action="play"]')).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => sim.step()).toBeGreaterThan(0);
    await page.keyboard.press('Space');
    await expect(sim.root.locator('button[data-action="play"]')).toHaveAttribute('aria-pressed', 'false');
    await page.keyboard.press('Home');
    // Shift+Tab back to the client's "connect"-free calls: at step 0 the client may listen or connect.
    const connect = sim.root.getByRole('button', { name: 'client: connect' });
    for (let presses = 0; presses < 40 && !(await connect.evaluate((node) => node === document.activeElement)); presses++) {
      await page.keyboard.press('Shift+Tab');
    }
    await expect(connect).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(sim.root.locator('[data-ref="edits"]')).toBeVisible();
    // The focus stays on a call of the same endpoint after the buttons change, not lost to the page.
    expect(await page.evaluate(() => document.activeElement?.closest('tcp-simulator') !== null)).toBe(true);
  });

  test('respects prefers-reduced-motion: no arrow is animated', async ({ page }) => {
    const animationOfNewArrow = async () => {
      const sim = await SimulatorIsland.open(page, 'playground/?scenario=normal-open-close');
      await sim.stepUntil(async () => (await sim.ladder.locator('g.segment.is-new.is-delivered').count()) > 0, 'a delivered segment');
      return sim.ladder.locator('g.segment.is-new.is-delivered .shaft').first().evaluate((node) => getComputedStyle(node).animationName);
    };
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    expect(await animationOfNewArrow()).toBe('tcp-ladder-draw');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await animationOfNewArrow()).toBe('none');
  });

  test('exports the trace so far as Mermaid source and the ladder as an SVG file', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const sim = await SimulatorIsland.open(page, 'playground/?scenario=lost-final-ack&step=12');
    await sim.button('Copy as Mermaid').click();
    await expect(sim.root.locator('[data-ref="status"]')).toContainText('Mermaid sequenceDiagram source copied.');
    const source = await page.evaluate(() => navigator.clipboard.readText());
    expect(source).toMatch(/^sequenceDiagram\n/);
    expect(source).toContain('seq=1000');

    const download = page.waitForEvent('download');
    await sim.button('Download SVG').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('lost-final-ack-step-12.svg');
    const svg = readFileSync((await file.path())!, 'utf8');
    const parsed = await page.evaluate((text) => {
      const document = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { error: document.querySelector('parsererror')?.textContent ?? null, root: document.documentElement.localName };
    }, svg);
    expect(parsed).toEqual({ error: null, root: 'svg' });
    expect(svg).toContain('.tcp-ladder .segment.is-lost');
    expect(svg).not.toContain('mermaid');
  });

  test('marks both endpoints on the page\'s state diagram', async ({ page }) => {
    const path = builtPagePaths().find((candidate) => {
      const html = readFileSync(join(DIST_DIR, candidate, 'index.html'), 'utf8');
      return html.includes('<tcp-simulator') && html.includes('data-state="ESTABLISHED"');
    });
    if (!path) throw new Error('no page has both a <Simulator> and a state diagram');
    await page.goto(path);
    const sim = new SimulatorIsland(page, page.locator('tcp-simulator').first());
    await sim.root.scrollIntoViewIfNeeded();
    await expect(sim.live).toBeVisible();
    await sim.stepUntil(async () => (await sim.state('a').textContent()) === 'ESTABLISHED', 'the left endpoint ESTABLISHED');
    const marked = page.locator('[data-state="ESTABLISHED"].is-current-a');
    expect(await marked.count()).toBeGreaterThan(0);
    const right = (await sim.state('b').textContent())!;
    expect(await page.locator(`[data-state="${right}"].is-current-b`).count()).toBeGreaterThan(0);
    // Only one node per diagram carries each endpoint's mark.
    const perDiagram = await page.locator('svg:has([data-state])').evaluateAll((svgs) => svgs.map((svg) => svg.querySelectorAll('.is-current-a').length));
    expect(perDiagram.every((count) => count <= 1)).toBe(true);
  });
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('every simulator shows its scenario\'s whole ladder and final states in the HTML', async ({ page }) => {
    for (const path of pagesWith('<tcp-simulator')) {
      await page.goto(path);
      const simulators = page.locator('tcp-simulator');
      for (const root of await simulators.all()) {
        const scenario = (await root.getAttribute('data-scenario'))!;
        const trace = traceOf(scenario);
        await expect(root.locator('[data-static] svg.tcp-ladder'), `${path} ${scenario}`).toBeVisible();
        // One arrow per segment on the wire: each send, each forged segment, each extra copy of a duplicated one.
        const seen = new Set<number | undefined>();
        const arrows = trace.events.filter((event) => {
          if (event.type === 'send') return true;
          if (event.type !== 'receive') return false;
          const extraCopy = seen.has(event.id);
          seen.add(event.id);
          return event.injected === true || extraCopy;
        }).length;
        await expect(root.locator('[data-static] g.segment'), `${path} ${scenario}`).toHaveCount(arrows);
        await expect(root.locator('[data-ref="live"]')).toBeHidden();
        for (const state of Object.values(trace.final)) await expect(root.locator('.sim-final')).toContainText(state);
      }
    }
  });

  test('every quiz answer is readable behind "Show the answer"', async ({ page }) => {
    const path = firstPageWith('<tcp-quiz');
    await page.goto(path);
    const first = page.locator('tcp-quiz .quiz-question').first();
    await first.getByText('Show the answer').click();
    await expect(first.locator('.quiz-answer')).toContainText('Answer:');
    await expect(first.getByRole('button', { name: 'Check answer' })).toBeHidden();
  });
});

test.describe('state explorer', () => {
  test('a SYN arriving in LISTEN takes listen-rcv-syn to SYN-RECEIVED, sends SYN,ACK, and marks the diagram', async ({ page }) => {
    await page.goto(firstPageWith('<tcp-state-explorer'));
    const explorer = page.locator('tcp-state-explorer').first();
    await explorer.scrollIntoViewIfNeeded();
    await expect(explorer.locator('[data-ref="live"]')).toBeVisible();
    await explorer.getByRole('button', { name: 'listen (passive OPEN)' }).click();
    await expect(explorer.locator('[data-ref="state"]')).toHaveText('LISTEN');
    await explorer.getByRole('button', { name: /^SYN \(a connection request\)/ }).click();
    await expect(explorer.locator('[data-ref="state"]')).toHaveText('SYN-RECEIVED');
    const result = explorer.locator('[data-ref="result"]');
    await expect(result).toContainText('LISTEN → SYN-RECEIVED on rcv SYN');
    await expect(result).toContainText('Transition listen-rcv-syn');
    await expect(result.getByRole('link', { name: 'RFC 9293 §3.10.7.2' })).toHaveAttribute('href', 'https://www.rfc-editor.org/rfc/rfc9293#section-3.10.7.2');
    await expect(result).toContainText('Sent: SYN,ACK seq=1000 ack=5001 len=0');
    await expect(explorer.locator('[data-ref="announce"]')).toContainText('LISTEN → SYN-RECEIVED');
    if ((await page.locator('[data-state="SYN-RECEIVED"]').count()) > 0) {
      expect(await page.locator('[data-state="SYN-RECEIVED"].is-current').count()).toBeGreaterThan(0);
      expect(await page.locator('[data-state="LISTEN"].is-current').count()).toBe(0);
    }
  });

  test('says why nothing happens: an out-of-window RST in ESTABLISHED is dropped, with the reducer\'s note', async ({ page }) => {
    await page.goto(firstPageWith('<tcp-state-explorer'));
    const explorer = page.locator('tcp-state-explorer').first();
    await explorer.scrollIntoViewIfNeeded();
    await expect(explorer.locator('[data-ref="live"]')).toBeVisible();
    await explorer.getByRole('button', { name: 'connect (active OPEN)' }).click();
    await explorer.getByRole('button', { name: /^SYN,ACK with an acceptable ACK/ }).click();
    await expect(explorer.locator('[data-ref="state"]')).toHaveText('ESTABLISHED');
    await explorer.getByRole('button', { name: /^RST outside the window/ }).click();
    await expect(explorer.locator('[data-ref="state"]')).toHaveText('ESTABLISHED');
    const history = explorer.locator('[data-ref="history"] li');
    await expect(history).toHaveCount(3);
    await expect(history.nth(1)).toContainText('SYN-SENT → ESTABLISHED (syn-sent-rcv-syn-ack)');
    // The machine names what it did or why it did nothing; either way the reader sees a reason, not silence.
    await expect(explorer.locator('[data-ref="result"] .ex-result-heading')).not.toBeEmpty();
    await explorer.getByRole('button', { name: 'Reset to CLOSED' }).click();
    await expect(explorer.locator('[data-ref="state"]')).toHaveText('CLOSED');
    await expect(history).toHaveCount(0);
  });
});

test.describe('quiz', () => {
  test('answers a question wrong, then right, and "Run it" opens the playground at that step', async ({ page }) => {
    await page.goto(firstPageWith('<tcp-quiz'));
    const question = page.locator('tcp-quiz .quiz-question').first();
    await question.scrollIntoViewIfNeeded();
    const check = question.getByRole('button', { name: 'Check answer' });
    await expect(check).toBeVisible();
    const correct = Number(await question.getAttribute('data-correct'));
    const choices = question.locator('input[type="radio"]');
    const wrong = correct === 0 ? 1 : 0;

    await check.click();
    await expect(question.locator('.quiz-verdict')).toHaveText('Pick one of the choices first.');
    await choices.nth(wrong).check();
    await check.click();
    await expect(question.locator('.quiz-verdict')).toHaveText(/^Not quite: the answer is /);
    await choices.nth(correct).check();
    await check.click();
    await expect(question.locator('.quiz-verdict')).toHaveText(/^Right: /);
    await expect(question.locator('.quiz-answer')).toHaveAttribute('open', '');

    const runIt = question.locator('a[data-run-it]');
    const href = (await runIt.getAttribute('href'))!;
    const step = Number(/step=(\d+)/.exec(href)![1]);
    await runIt.click();
    const sim = new SimulatorIsland(page, page.locator('tcp-simulator').first());
    await expect(sim.live).toBeVisible();
    await expect(sim.position).toHaveText(new RegExp(`^Step ${step} of`));
    await expect(sim.root.locator('[data-ref="problems"]')).toBeHidden();
  });
});

test.describe('screenshots of each island, light and dark', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`${theme}`, async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 1000 });
      await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });

      const sim = await SimulatorIsland.open(page, 'playground/?scenario=lost-final-ack&step=13');
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await sim.root.screenshot({ path: `${SCREENSHOTS}/simulator-${theme}.png` });

      await page.goto(firstPageWith('<tcp-state-explorer'));
      const explorer = page.locator('tcp-state-explorer').first();
      await explorer.scrollIntoViewIfNeeded();
      await explorer.getByRole('button', { name: 'connect (active OPEN)' }).click();
      await explorer.getByRole('button', { name: /^SYN \(a connection request\)/ }).click();
      await explorer.screenshot({ path: `${SCREENSHOTS}/state-explorer-${theme}.png` });

      await page.goto(firstPageWith('<tcp-quiz'));
      const quiz = page.locator('tcp-quiz').first();
      await quiz.scrollIntoViewIfNeeded();
      const question = quiz.locator('.quiz-question').first();
      await question.locator('input[type="radio"]').first().check();
      await question.getByRole('button', { name: 'Check answer' }).click();
      await quiz.screenshot({ path: `${SCREENSHOTS}/quiz-${theme}.png` });
    });
  }
});

test.describe('page weight', () => {
  for (const path of builtPagePaths().filter((candidate) => !candidate.startsWith('zz-'))) {
    const label = path || '(home)';
    test(`${label}: at most 60 KB of compressed JavaScript, islands included, and no Mermaid`, async ({ page }) => {
      const weight = watchPageWeight(page);
      const sizes = new Map<string, number>();
      page.on('requestfinished', async (request) => {
        if (request.resourceType() === 'script') sizes.set(request.url().replace(/^.*\/_astro\//, ''), (await request.sizes()).responseBodySize);
      });
      await visitWholePage(page, path);
      const js = await weight.bytes('script');
      const files = [...sizes].sort((a, b) => b[1] - a[1]).map(([file, bytes]) => `${file} ${kilobytes(bytes)}`);
      console.log(`page weight ${label}: ${kilobytes(js)} of JavaScript, compressed (gzip), in ${sizes.size} files: ${files.join(', ')}`);
      expect(weight.urls('script').filter((url) => /mermaid/i.test(url))).toEqual([]);
      expect(js, `${label} loads ${kilobytes(js)}: ${files.join(', ')}`).toBeLessThanOrEqual(JS_BUDGET);
    });
  }
});
