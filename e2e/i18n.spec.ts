/**
 * The Chinese edition as a reader meets it, in the real Chromium against the built site: the language picker lands
 * on the same page in the other language, a simulator runs in Chinese, Pagefind finds Chinese words on Chinese
 * pages, the replay page says what is wrong with a file in Chinese, and screenshots of the Chinese handshake article.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { zhCn } from '../src/i18n/messages.zh-cn';
import { formatMessage } from '../src/i18n/format';
import { parseScenario } from '../src/simulator/scenario';
import { simulate } from '../src/simulator/simulate';
import { TRANSITIONS_ZH_CN } from '../src/i18n/transitions.zh-cn';

const SCREENSHOTS = 'e2e/screenshots';

function scenarioFile(scenario: string) {
  const file = new URL(`../content/scenarios/${scenario}.json`, import.meta.url);
  return parseScenario(JSON.parse(readFileSync(file, 'utf8')), scenario);
}

/** Where the machine says a scenario ends: the expectation comes from the simulator, not from this test. */
function finalStates(scenario: string): Record<string, string> {
  return simulate(scenarioFile(scenario)).final;
}

async function pickLanguage(page: Page, label: 'English' | '简体中文'): Promise<void> {
  const picker = page.locator('starlight-lang-select select').first();
  if (!(await picker.isVisible())) await page.locator('starlight-menu-button button').click();
  await page.locator('starlight-lang-select select:visible').first().selectOption({ label });
}

test.describe('language picker', () => {
  for (const [name, path] of [
    ['an article', 'handshake/'],
    ['the playground', 'playground/'],
  ] as const) {
    test(`on ${name} it lands on the counterpart page in the other language, and back`, async ({ page }) => {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await pickLanguage(page, '简体中文');
      // The playground writes its setup into the address (?scenario=…), so only the path is compared.
      await expect(page).toHaveURL(new RegExp(`/zh-cn/${path}(\\?.*)?$`));
      await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
      await expect(page.locator('h1').first()).toContainText(/\p{Script=Han}/u);
      // Starlight's own interface is in Chinese too (its built-in zh-CN strings), and so is our sidebar.
      await expect(page.locator('nav.sidebar, #starlight__sidebar').first()).toContainText('学习');
      await pickLanguage(page, 'English');
      await expect(page).toHaveURL(new RegExp(`/${path}(\\?.*)?$`));
      await expect(page).not.toHaveURL(/zh-cn/);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    });
  }
});

test.describe('a simulator in Chinese', () => {
  test('runs normal-open-close to the end with Chinese controls, and shows the machine\'s final states', async ({ page }) => {
    const scenario = 'normal-open-close';
    await page.goto(`zh-cn/playground/?scenario=${scenario}`);
    const sim = page.locator('tcp-simulator').first();
    await sim.scrollIntoViewIfNeeded();
    await expect(sim.locator('[data-ref="live"]')).toBeVisible();

    const toolbar = sim.getByRole('toolbar', { name: zhCn['sim.playback'] });
    await expect(toolbar.getByRole('button', { name: zhCn['sim.play'], exact: true })).toBeVisible();
    await expect(toolbar.getByRole('button', { name: zhCn['sim.forwardLabel'] })).toBeVisible();
    await expect(sim.getByRole('button', { name: zhCn['sim.copyLink'] })).toBeVisible();
    await expect(sim.locator('[data-ref="scenario"] option:checked')).toHaveText(formatMessage(zhCn['sim.scenarioChoice'], { title: scenarioFile(scenario).i18n!['zh-cn']!.title!, name: scenario }));

    await expect(sim.locator('[data-ref="description"]')).toHaveText(scenarioFile(scenario).i18n!['zh-cn']!.description!);

    await sim.locator('[data-ref="speed"]').selectOption('4');
    await toolbar.getByRole('button', { name: zhCn['sim.play'], exact: true }).click();
    // At the end the play button offers to replay, in Chinese, and the position reads "第 N 步，共 N 步".
    await expect(toolbar.getByRole('button', { name: zhCn['sim.replay'], exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(sim.locator('[data-ref="position"]')).toHaveText(/^第 (\d+) 步，共 \1 步/);

    const final = finalStates(scenario);
    for (const [name, state] of Object.entries(final)) {
      const panel = sim.locator('.sim-endpoint', { has: page.locator('[data-ref="name"]', { hasText: name }) });
      await expect(panel.locator('[data-ref="state"]')).toHaveText(state);
    }
    const finished = Object.entries(final)
      .map(([name, state]) => formatMessage(zhCn['sim.stateOf'], { name, state }))
      .join(zhCn['list.separator']);
    await expect(sim.locator('[data-ref="announce"]')).toHaveText(formatMessage(zhCn['sim.announceFinished'], { states: finished + zhCn['sentence.end'] }));
    // The event log speaks Chinese too.
    await sim.locator('.sim-log summary').click();
    await expect(sim.locator('[data-ref="log"]')).toContainText(/发送 SYN/);
  });
});

test.describe('search in Chinese', () => {
  test('"四次挥手" on the Chinese site finds the teardown article and opens it', async ({ page }) => {
    await page.goto('zh-cn/');
    await page.locator('button[data-open-modal]').click();
    await page.locator('.pagefind-ui__search-input').fill('四次挥手');
    const result = page.locator('a.pagefind-ui__result-link');
    const teardown = page.locator('a.pagefind-ui__result-link[href*="/zh-cn/teardown/"]').first();
    await expect(teardown).toBeVisible({ timeout: 15_000 });
    expect(await result.count()).toBeGreaterThan(0);
    // Results come from the Chinese index only.
    const hrefs = await page.locator('a.pagefind-ui__result-link').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(hrefs.every((href) => href.includes('/zh-cn/'))).toBe(true);
    await teardown.click();
    await expect(page).toHaveURL(/\/zh-cn\/teardown\//);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  });

  test('Ctrl+K opens search with the keyboard alone: the Pagefind UI loads then, and its field takes the typing', async ({ page }) => {
    await page.goto('zh-cn/teardown/');
    await expect(page.locator('.pagefind-ui__search-input')).toHaveCount(0);
    await page.keyboard.press('Control+k');
    const input = page.locator('.pagefind-ui__search-input');
    await expect(input).toBeFocused({ timeout: 15_000 });
    await page.keyboard.type('TIME_WAIT');
    await expect(page.locator('a.pagefind-ui__result-link').first()).toBeVisible({ timeout: 15_000 });
  });

  test('"TIME_WAIT" on the Chinese site finds the teardown article', async ({ page }) => {
    await page.goto('zh-cn/');
    await page.locator('button[data-open-modal]').click();
    await page.locator('.pagefind-ui__search-input').fill('TIME_WAIT');
    await expect(page.locator('a.pagefind-ui__result-link[href*="/zh-cn/teardown/"]').first()).toBeVisible({ timeout: 15_000 });
  });
});

test.describe('the replay page in Chinese', () => {
  test('says in Chinese what is wrong with text that is not a capture', async ({ page }) => {
    await page.goto('zh-cn/replay/');
    const tool = page.locator('tcp-replay');
    await tool.scrollIntoViewIfNeeded();
    await expect(tool.locator('[data-ref="live"]')).toBeVisible();
    await tool.locator('[data-ref="text"]').fill('this is garbage, not tcpdump output\n');
    await tool.getByRole('button', { name: zhCn['replay.replayText'] }).click();
    const error = tool.locator('[data-ref="error"]');
    await expect(error).toBeVisible({ timeout: 15_000 });
    const message = formatMessage(zhCn['capture.at.line'], { line: 1, message: zhCn['capture.notTcpdumpLineBare'] });
    await expect(error).toHaveText(formatMessage(zhCn['replay.errorIn'], { label: zhCn['replay.pastedText'], message }));
  });

  test('says in Chinese where a binary file is broken', async ({ page }) => {
    await page.goto('zh-cn/replay/');
    const tool = page.locator('tcp-replay');
    await tool.scrollIntoViewIfNeeded();
    await expect(tool.locator('[data-ref="live"]')).toBeVisible();
    // A pcap header that promises a 1000-byte record the file does not hold.
    const header = [0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, ...Array(8).fill(0), 0xff, 0xff, 0, 0, 1, 0, 0, 0];
    const record = [...Array(8).fill(0), 0xe8, 0x03, 0, 0, 0xe8, 0x03, 0, 0, 1, 2, 3];
    await tool.locator('[data-ref="file"]').setInputFiles({ name: 'broken.pcap', mimeType: 'application/vnd.tcpdump.pcap', buffer: Buffer.from([...header, ...record]) });
    const error = tool.locator('[data-ref="error"]');
    await expect(error).toBeVisible({ timeout: 15_000 });
    await expect(error).toContainText('broken.pcap：第 32 字节：记录长度 1000');
  });
});

test.describe('the replay page in Chinese, on a real capture', () => {
  test('replays the SO_LINGER 0 example with Chinese states, position and annotations', async ({ page }) => {
    await page.goto('zh-cn/replay/');
    const tool = page.locator('tcp-replay');
    await tool.scrollIntoViewIfNeeded();
    await tool.getByRole('button', { name: zhCn['replay.example.rst-linger'] }).click();
    await expect(tool.locator('[data-ref="result"]')).toBeVisible({ timeout: 15_000 });
    await expect(tool.locator('[data-ref="position"]')).toHaveText(/^第 (\d+) 个报文段，共 \1 个$/);
    await expect(tool.locator('.replay-kind').first()).toHaveText(zhCn['replay.kind.rst']);
    await expect(tool.locator('[data-ref="annotations"] li').first()).toContainText('这是一次 ABORT');
  });
});

test.describe('screenshots of the Chinese handshake article', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(theme, async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.emulateMedia({ colorScheme: theme });
      await page.goto('zh-cn/handshake/');
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
      await page.screenshot({ path: `${SCREENSHOTS}/zh-cn-handshake-${theme}.png` });
    });
  }
});

test.describe('transition records in Chinese', () => {
  test('the Chinese reference page shows each transition\'s event, guard and timers in Chinese', async ({ page }) => {
    await page.goto('zh-cn/reference/');
    const row = page.locator('#transition-listen-rcv-syn');
    const zh = TRANSITIONS_ZH_CN['listen-rcv-syn']!;
    await expect(row.locator('th')).toContainText(zh.event);
    await expect(row.locator('td').first()).toHaveText(zh.guard!);
    await expect(row).toContainText(zh.timers![0]!);
    await expect(page.locator('#transition-syn-sent-rcv-rst')).toContainText(TRANSITIONS_ZH_CN['syn-sent-rcv-rst']!.reports!);
    // RFC notation stays as the RFC prints it.
    await expect(row.locator('code')).toHaveText('<SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>');
    await expect(page.locator('table.tcplab-transitions').first()).not.toContainText('passive OPEN');
  });

  test('the state explorer on a Chinese page names the transition it took in Chinese', async ({ page }) => {
    await page.goto('zh-cn/state-machine/');
    const explorer = page.locator('tcp-state-explorer');
    await explorer.scrollIntoViewIfNeeded();
    await expect(explorer.locator('[data-ref="live"]')).toBeVisible();
    await explorer.locator('button[data-fire="call"][data-call="listen"]').click();
    const result = explorer.locator('[data-ref="result"]');
    await expect(result).toContainText(TRANSITIONS_ZH_CN['closed-listen']!.event);
    await expect(result).toContainText(TRANSITIONS_ZH_CN['closed-listen']!.note!);
    // A second listen is refused: the report the user gets is the record's, in Chinese.
    await explorer.locator('button[data-fire="call"][data-call="listen"]').click();
    await expect(result).toContainText(TRANSITIONS_ZH_CN['listen-listen']!.reports!);
    await expect(result).not.toContainText('passive OPEN');
  });

  test('the simulator\'s event log on the Chinese playground gives each state change\'s cause in Chinese', async ({ page }) => {
    const scenario = 'normal-open-close';
    await page.goto(`zh-cn/playground/?scenario=${scenario}`);
    const sim = page.locator('tcp-simulator').first();
    await sim.scrollIntoViewIfNeeded();
    await expect(sim.locator('[data-ref="live"]')).toBeVisible();
    await sim.locator('button[data-action="end"]').click();
    await sim.locator('.sim-log summary').click();
    const log = sim.locator('[data-ref="log"]');
    // Every transition the scenario takes is named in the log as the Chinese table names it.
    const file = new URL(`../content/scenarios/${scenario}.json`, import.meta.url);
    const trace = simulate(parseScenario(JSON.parse(readFileSync(file, 'utf8')), scenario));
    const taken = new Set(trace.events.flatMap((event) => (event.type === 'state' && event.transition ? [event.transition] : [])));
    expect(taken.size).toBeGreaterThan(3);
    for (const id of taken) await expect(log).toContainText(TRANSITIONS_ZH_CN[id]!.event);
    await expect(log).not.toContainText('passive OPEN');
    await expect(log).not.toContainText('rcv ');
  });

  test('switching language on a playground permalink lands on the same scenario, step and edits', async ({ page }) => {
    const query = '?scenario=lost-syn-ack&step=4&edits=server.drop2';
    await page.goto(`playground/${query}`);
    const sim = page.locator('tcp-simulator').first();
    await sim.scrollIntoViewIfNeeded();
    await expect(sim.locator('[data-ref="position"]')).toHaveText(/^Step 4 of /);
    // The reader moves on a step: the setup to carry over is the one on screen, not the one first loaded.
    await sim.locator('button[data-action="forward"]').click();
    await expect(sim.locator('[data-ref="position"]')).toHaveText(/^Step 5 of /);
    await expect(page).toHaveURL((url) => url.search === query.replace('step=4', 'step=5'));
    const search = new URL(page.url()).search;
    await pickLanguage(page, '简体中文');
    await expect(page).toHaveURL((url) => url.pathname.endsWith('/zh-cn/playground/') && url.search === search);
    const zhSim = page.locator('tcp-simulator').first();
    await zhSim.scrollIntoViewIfNeeded();
    await expect(zhSim.locator('[data-ref="position"]')).toHaveText(/^第 5 步，共 /);
    await expect(zhSim.locator('[data-ref="edits"]')).toBeVisible();
    await pickLanguage(page, 'English');
    await expect(page).toHaveURL((url) => url.pathname.endsWith('/playground/') && !url.pathname.includes('zh-cn') && url.search === search);
    await expect(page.locator('tcp-simulator [data-ref="position"]').first()).toHaveText(/^Step 5 of /);
  });
});
