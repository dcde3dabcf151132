/**
 * "Replay a capture" (issue 5) in the real Chromium against the built site: drop or choose each real
 * fixture and read the final states, paste tcpdump text, paste garbage, open a 50 MB capture without
 * freezing the page. The expected states come from the same replay run in Node (and, in the unit tests,
 * from what `ss -tan` reported), not from this file.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { replayCapture } from '../src/capture/replay-capture';
import { tcpFrame, writePcap } from '../src/capture/test-support/capture-writer';
import { syntheticConnections } from '../src/capture/test-support/synthetic-connections';

const FIXTURES = fileURLToPath(new URL('../src/capture/fixtures/', import.meta.url));
const FIXTURE_FILES = readdirSync(FIXTURES).filter((file) => /\.(pcap|pcapng|txt)$/.test(file) && !file.endsWith('.ss.txt'));

/** What the replay says in Node about a fixture: the page must say the same. */
function expectedFinal(file: string): Record<string, string> {
  const bytes = readFileSync(join(FIXTURES, file));
  const result = file.endsWith('.txt') ? replayCapture(bytes.toString('utf8')) : replayCapture(new Uint8Array(bytes));
  return result.replays[0]!.final;
}

class ReplayTool {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.locator('tcp-replay');
  }

  async open(): Promise<void> {
    await this.page.goto('replay/');
    await this.root.scrollIntoViewIfNeeded();
    await expect(this.root.locator('[data-ref="live"]')).toBeVisible();
  }

  async finalStates(): Promise<Record<string, string>> {
    const spans = this.root.locator('[data-ref="final"] [data-endpoint]');
    await expect(spans).toHaveCount(2);
    const states: Record<string, string> = {};
    for (const span of await spans.all()) states[(await span.getAttribute('data-endpoint'))!] = (await span.textContent())!;
    return states;
  }

  error(): Locator {
    return this.root.locator('[data-ref="error"]');
  }
}

test.describe('replay a capture', () => {
  test('shows a real example replayed at build time when JavaScript is off', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('replay/');
    const example = page.locator('tcp-replay [data-ref="static"]');
    await expect(example).toBeVisible();
    await expect(example.locator('.state-name')).toHaveText(Object.values(expectedFinal('normal-open-close.txt')));
    await expect(example.locator('svg.tcp-ladder')).toBeVisible();
    await context.close();
  });

  for (const file of FIXTURE_FILES) {
    test(`reads the final states of ${file}`, async ({ page }) => {
      const tool = new ReplayTool(page);
      await tool.open();
      await tool.root.locator('[data-ref="file"]').setInputFiles(join(FIXTURES, file));
      expect(await tool.finalStates()).toEqual(expectedFinal(file));
      await expect(tool.error()).toBeHidden();
    });
  }

  test('replays a file dropped on it', async ({ page }) => {
    const tool = new ReplayTool(page);
    await tool.open();
    const bytes = [...readFileSync(join(FIXTURES, 'simultaneous-close.pcapng'))];
    const dataTransfer = await page.evaluateHandle((content) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(content)], 'simultaneous-close.pcapng'));
      return transfer;
    }, bytes);
    await tool.root.locator('[data-ref="drop"]').dispatchEvent('drop', { dataTransfer });
    expect(await tool.finalStates()).toEqual(expectedFinal('simultaneous-close.pcapng'));
    await expect(tool.root.locator('.replay-endpoint .state-name')).toHaveText(['TIME-WAIT', 'TIME-WAIT']);
  });

  test('replays pasted tcpdump text and moves through it with the slider and the annotations', async ({ page }) => {
    const tool = new ReplayTool(page);
    await tool.open();
    await tool.root.locator('textarea[data-ref="text"]').fill(readFileSync(join(FIXTURES, 'rst-linger.txt'), 'utf8'));
    await tool.root.getByRole('button', { name: 'Replay the text' }).click();
    expect(await tool.finalStates()).toEqual(expectedFinal('rst-linger.txt'));
    const states = tool.root.locator('.replay-endpoint .state-name');
    await tool.root.getByRole('button', { name: 'Before the first segment' }).click();
    await expect(states).toHaveText(['CLOSED', 'LISTEN']);
    await expect(tool.root.locator('[data-ref="position"]')).toHaveText('Segment 0 of 6');
    await tool.root.getByRole('button', { name: 'One segment forward' }).click();
    await expect(states).toHaveText(['SYN-SENT', 'SYN-RECEIVED']);
    await tool.root.getByRole('button', { name: 'Go to segment 6' }).click();
    await expect(states).toHaveText(['CLOSED', 'CLOSED']);
    await expect(tool.root.locator('.replay-annotations li.is-current')).toContainText('ABORT');
  });

  test('names the line when the pasted text is not tcpdump output', async ({ page }) => {
    const tool = new ReplayTool(page);
    await tool.open();
    await tool.root.locator('textarea[data-ref="text"]').fill('hello\nthis is not a capture');
    await tool.root.getByRole('button', { name: 'Replay the text' }).click();
    await expect(tool.error()).toHaveText('pasted text: line 1: not a tcpdump TCP line');
  });

  test('names the byte offset of a corrupt pcap', async ({ page }) => {
    const tool = new ReplayTool(page);
    await tool.open();
    const corrupt = Buffer.from(readFileSync(join(FIXTURES, 'normal-open-close.pcap')));
    corrupt.writeUInt32LE(0xffffffff, 32);
    await tool.root.locator('[data-ref="file"]').setInputFiles({ name: 'corrupt.pcap', mimeType: 'application/octet-stream', buffer: corrupt });
    await expect(tool.error()).toHaveText('corrupt.pcap: byte 32: record length 4294967295 exceeds the file');
  });

  test('parses a 50 MB capture in a worker without freezing the page', async ({ page }) => {
    test.setTimeout(120_000);
    const segments = syntheticConnections({ connections: 2000, dataSegments: 33, payload: 260 });
    const file = join(mkdtempSync(join(tmpdir(), 'tcp-lab-e2e-')), 'large.pcap');
    writeFileSync(file, writePcap(segments.map((s) => ({ time: s.time, bytes: tcpFrame(s) }))));
    const tool = new ReplayTool(page);
    await tool.open();
    // A frame counter: if the main thread froze while the file is parsed, the longest gap would show it.
    await page.evaluate(() => {
      const w = window as unknown as { longestGap: number };
      w.longestGap = 0;
      let last = performance.now();
      const tick = () => {
        const now = performance.now();
        w.longestGap = Math.max(w.longestGap, now - last);
        last = now;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await tool.root.locator('[data-ref="file"]').setInputFiles(file);
    await expect(tool.root.locator('[data-ref="summary"]')).toContainText('212000 TCP segments in 2000 connections', { timeout: 60_000 });
    await expect(tool.root.locator('[data-ref="picker"]')).toBeVisible();
    expect(Object.values(await tool.finalStates()).sort()).toEqual(['CLOSED', 'TIME-WAIT']);
    const longestGap = await page.evaluate(() => (window as unknown as { longestGap: number }).longestGap);
    expect(longestGap).toBeLessThan(1000);
  });
});
