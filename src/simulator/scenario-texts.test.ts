import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from './scenario';
import { scenarioTexts } from './scenario-texts';

const base = {
  title: 'Lost SYN',
  description: 'The network loses the first SYN.',
  endpoints: { client: {}, server: {} },
  steps: [{ at: 0, endpoint: 'client', call: 'connect' }],
};
const faultOf = (i18n: unknown) => {
  try {
    parseScenario({ ...base, i18n }, 'test.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as Error).message;
  }
  throw new Error('expected a ScenarioError');
};

describe('a scenario\'s texts in other languages (the optional i18n field)', () => {
  it('keeps a Chinese title and description', () => {
    const scenario = parseScenario({ ...base, i18n: { 'zh-cn': { title: 'SYN 丢失', description: '网络丢失了第一个 SYN。' } } });
    expect(scenario.i18n).toEqual({ 'zh-cn': { title: 'SYN 丢失', description: '网络丢失了第一个 SYN。' } });
  });

  it('gives each text in the asked language, falling back to the English one field by field', () => {
    const scenario = parseScenario({ ...base, i18n: { 'zh-cn': { description: '网络丢失了第一个 SYN。' } } });
    expect(scenarioTexts(scenario, 'zh-cn')).toEqual({ title: 'Lost SYN', description: '网络丢失了第一个 SYN。' });
    expect(scenarioTexts(scenario, 'en')).toEqual({ title: 'Lost SYN', description: 'The network loses the first SYN.' });
    expect(scenarioTexts(parseScenario(base), 'zh-cn').description).toBe('The network loses the first SYN.');
  });

  it('rejects an unknown language, English (the top-level fields are English), unknown fields and non-strings, naming the path', () => {
    expect(faultOf({ fr: { title: 'SYN perdu' } })).toBe('i18n.fr: unknown language "fr" (expected "zh-cn")');
    expect(faultOf({ en: { title: 'Lost SYN' } })).toMatch(/^i18n\.en: unknown language "en" \(English is the top-level title and description\)/);
    expect(faultOf({ 'zh-cn': { titel: 'x' } })).toBe('i18n.zh-cn.titel: unknown field (expected one of title, description)');
    expect(faultOf({ 'zh-cn': { description: 3 } })).toBe('i18n.zh-cn.description: expected a string, got number 3');
    expect(faultOf(['zh-cn'])).toMatch(/^i18n: expected an object/);
    expect(faultOf({ 'zh-cn': 'SYN 丢失' })).toMatch(/^i18n\.zh-cn: expected an object/);
  });
});
