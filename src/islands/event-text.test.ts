import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { transitionById } from '../machine/definition';
import { translator } from '../i18n/format';
import { zhCn } from '../i18n/messages.zh-cn';
import { en } from '../i18n/messages.en';
import { localTransition } from '../i18n/transition-text';
import { parseScenario } from '../simulator/scenario';
import { simulate } from '../simulator/simulate';
import { describeEvent } from './event-text';

function trace(name: string) {
  const file = new URL(`../../content/scenarios/${name}.json`, import.meta.url);
  return simulate(parseScenario(JSON.parse(readFileSync(file, 'utf8')), name));
}
const zh = (record: Parameters<typeof localTransition>[1]) => localTransition('zh-cn', record);

describe('the event log in Chinese says causes and errors from the transition records', () => {
  it('every state change of normal-open-close names its cause in Chinese (被动打开 for LISTEN), not the trace\'s English', () => {
    const changes = trace('normal-open-close').events.filter((event) => event.type === 'state');
    expect(changes.length).toBeGreaterThan(0);
    for (const event of changes) {
      const text = describeEvent(translator(zhCn), event, zh);
      expect(text).toContain(zh(transitionById(event.transition!)).event);
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
