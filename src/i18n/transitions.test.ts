import { describe, expect, it } from 'vitest';
import { machine } from '../machine/definition';
import { TRANSITIONS_ZH_CN } from './transitions.zh-cn';
import { islandTransitions, localTransition } from './transition-text';

const HAN = /\p{Script=Han}/u;
/** The RFC's `<…>` fields of a `sends`, which every language keeps as written. */
const rfcFields = (sends: string) => sends.match(/<[^>]*>/g) ?? [];
/** Text made only of the RFC's variable names and comparisons. */
const isNotation = (text: string) => /^[A-Z.]+( (=<|<|>|=) [A-Z.+]+)+$/.test(text);
/** Whether a `sends` has words around its fields ("if ACK is set, else", "(challenge ACK)"). */
const hasWords = (sends: string) => /[A-Za-z\u4e00-\u9fff]/.test(sends.replace(/<[^>]*>/g, ''));

describe('the Chinese transition table (src/i18n/transitions.zh-cn.ts)', () => {
  const ids = machine.transitions.map((transition) => transition.id);

  it('has an entry for every transition of the machine and none for an id the machine does not have', () => {
    expect(ids.filter((id) => !(id in TRANSITIONS_ZH_CN))).toEqual([]);
    expect(Object.keys(TRANSITIONS_ZH_CN).filter((id) => !ids.includes(id))).toEqual([]);
  });

  for (const transition of machine.transitions) {
    it(`${transition.id}: has exactly the fields its English record has, each in Chinese`, () => {
      const zh = TRANSITIONS_ZH_CN[transition.id];
      expect(zh, `no Chinese entry for ${transition.id}`).toBeDefined();
      if (zh === undefined) return;
      expect(zh.event).toMatch(HAN);
      for (const field of ['guard', 'note', 'reports'] as const) {
        expect(zh[field] !== undefined, `${transition.id}.${field} present in English: ${transition[field] !== undefined}`).toBe(transition[field] !== undefined);
        // A guard written wholly in the RFC's variables ("SEG.SEQ = RCV.NXT") reads the same in every language.
        if (zh[field] !== undefined && !(field === 'guard' && zh.guard === transition.guard && transition.guard !== undefined && isNotation(transition.guard))) expect(zh[field]).toMatch(HAN);
      }
      expect(zh.timers?.length ?? 0, `${transition.id}.timers: one Chinese entry per English one (${transition.timers.join('; ')})`).toBe(transition.timers.length);
      for (const timer of zh.timers ?? []) expect(timer).toMatch(HAN);
      expect(zh.sends !== undefined, `${transition.id}.sends: translated exactly when the English has words ("${transition.sends}")`).toBe(hasWords(transition.sends));
      if (zh.sends !== undefined) {
        expect(rfcFields(zh.sends)).toEqual(rfcFields(transition.sends));
        expect(zh.sends).toMatch(HAN);
      }
    });
  }

  it('gives the same Chinese event to records whose English events are the same, so the log reads consistently', () => {
    const byEnglish = new Map<string, Set<string>>();
    for (const transition of machine.transitions) {
      const set = byEnglish.get(transition.event) ?? new Set<string>();
      set.add(TRANSITIONS_ZH_CN[transition.id]!.event);
      byEnglish.set(transition.event, set);
    }
    const inconsistent = [...byEnglish].filter(([, zh]) => zh.size > 1).map(([english, zh]) => `${english}: ${[...zh].join(' | ')}`);
    expect(inconsistent).toEqual([]);
  });

  it('keeps the reports the RFC defines beside their Chinese (what a program prints)', () => {
    for (const transition of machine.transitions.filter((record) => record.reports)) {
      expect(TRANSITIONS_ZH_CN[transition.id]!.reports).toContain(`（${transition.reports}）`);
    }
  });
});

describe('transition records in a page\'s language', () => {
  const record = machine.transitions.find((transition) => transition.id === 'closed-listen')!;

  it('English pages show the machine\'s own record and ship no table to islands', () => {
    expect(localTransition('en', record)).toBe(record);
    expect(islandTransitions('en', machine.transitions, ['event'])).toBeUndefined();
  });

  it('Chinese pages show passive OPEN as 被动打开, with id, states and RFC section unchanged', () => {
    const zh = localTransition('zh-cn', record);
    expect(zh.event).toBe('被动打开（listen）');
    expect({ id: zh.id, from: zh.from, to: zh.to, rfc: zh.rfc, sends: zh.sends }).toEqual({ id: record.id, from: record.from, to: record.to, rfc: record.rfc, sends: record.sends });
  });

  it('an island gets only the fields it asked for', () => {
    const json = JSON.parse(islandTransitions('zh-cn', [record], ['event'])!);
    expect(json).toEqual({ 'closed-listen': { event: '被动打开（listen）' } });
  });
});
