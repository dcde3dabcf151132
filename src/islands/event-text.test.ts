import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { transitionById } from '../machine/definition';
import { translator } from '../i18n/format';
import { zhCn } from '../i18n/messages.zh-cn';
import { en } from '../i18n/messages.en';
import { transitionWords } from '../i18n/transition-text';
import { localTransition } from '../i18n/transition-text';
import { parseScenario } from '../simulator/scenario';
import { simulate } from '../simulator/simulate';
import { describeEvent } from './event-text';
import { ladderWords } from './record-words';
import { renderLadder } from './ladder';

function trace(name: string) {
  const file = new URL(`../../content/scenarios/${name}.json`, import.meta.url);
  return simulate(parseScenario(JSON.parse(readFileSync(file, 'utf8')), name));
}
const zhRecord = (record: Parameters<typeof localTransition>[1]) => localTransition('zh-cn', record);
const zh = transitionWords('zh-cn');

describe('the event log in Chinese says causes and errors from the transition records', () => {
  it('every state change of normal-open-close names its cause in Chinese (被动打开 for LISTEN), not the trace\'s English', () => {
    const changes = trace('normal-open-close').events.filter((event) => event.type === 'state');
    expect(changes.length).toBeGreaterThan(0);
    for (const event of changes) {
      const text = describeEvent(translator(zhCn), event, zh);
      expect(text).toContain(zhRecord(transitionById(event.transition!)).event);
      // "CLOSE" stays the RFC's call name inside "CLOSE 调用"; causes with English words must not show them.
      if (/[a-z]/.test(event.cause)) expect(text).not.toContain(event.cause);
    }
    expect(describeEvent(translator(zhCn), changes.find((event) => event.type === 'state' && event.to === 'LISTEN')!, zh)).toContain('被动打开（listen）');
  });

  it('the error of a refused connection reads in Chinese, with the RFC\'s words beside it', () => {
    const errors = trace('connection-refused').events.filter((event) => event.type === 'error');
    expect(errors.length).toBeGreaterThan(0);
    for (const event of errors) expect(describeEvent(translator(zhCn), event, zh)).toMatch(/连接被重置（connection reset）/);
  });

  it('an English page keeps the trace\'s own words', () => {
    const event = trace('normal-open-close').events.find((candidate) => candidate.type === 'state')!;
    expect(describeEvent(translator(en), event)).toContain(event.type === 'state' ? event.cause : '');
  });

  it('a crash, which no transition record describes, keeps its cause as the simulator wrote it', () => {
    const crash = trace('half-open-crash').events.find((event) => event.type === 'state' && event.cause.startsWith('crash'));
    expect(crash).toBeDefined();
    expect(describeEvent(translator(zhCn), crash!, zh)).toContain(crash!.type === 'state' ? crash!.cause : '');
  });
});

describe('the ladder in Chinese', () => {
  it('labels a refused connection\'s error in Chinese and says each state change\'s cause in its tooltip', () => {
    const { events } = trace('connection-refused');
    const names = [...new Set(events.map((event) => event.endpoint))] as [string, string];
    const svg = renderLadder(events, { names, words: ladderWords(translator(zhCn), zh) });
    expect(svg).toContain('错误：连接被重置（connection reset）');
    expect(svg).toContain('（主动打开（connect））');
    expect(svg).not.toContain('error: ');
  });

  it('a Chinese label gets a box wide enough for characters twice as wide as Latin ones', () => {
    const { events } = trace('connection-refused');
    const names = [...new Set(events.map((event) => event.endpoint))] as [string, string];
    const width = (svg: string) => Number(/<g class="error[^"]*"[^>]*><title>[^<]*<\/title><rect [^>]*width="([\d.]+)"/.exec(svg)![1]);
    const chinese = width(renderLadder(events, { names, words: ladderWords(translator(zhCn), zh) }));
    // "错误：连接被重置（connection reset）" is 10 wide characters and 16 Latin ones (6.7 px each in the label's font).
    expect(chinese).toBeGreaterThanOrEqual(10 * 12 + 16 * 6.7 + 12);
  });
});

describe('trace events say what their transition records say (so a page can say it from the record)', () => {
  const scenarios = readdirSync(new URL('../../content/scenarios/', import.meta.url)).filter((file) => file.endsWith('.json')).map((file) => file.slice(0, -'.json'.length));
  for (const name of scenarios) {
    it(`${name}: a state change's cause is its record's event; an error is its record's report`, () => {
      for (const event of trace(name).events) {
        if (!event.transition) continue;
        const record = transitionById(event.transition);
        if (event.type === 'state') expect(event.cause).toBe(record.event);
        if (event.type === 'error') expect(event.message).toBe(record.reports);
      }
    });
  }
});
