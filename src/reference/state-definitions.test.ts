import { describe, expect, it } from 'vitest';
import { machine } from '../machine/definition';
import { translatorFor } from '../i18n/catalogue';
import { codeRuns, stateDefinitions } from './state-definitions';

describe('the state definitions of §3.3.2', () => {
  it('English shows the machine\'s own meaning, with no gloss', () => {
    const rows = stateDefinitions(translatorFor('en'));
    expect(rows.map((row) => row.definition)).toEqual(machine.states.map((state) => state.meaning));
    expect(rows.every((row) => row.gloss === null)).toBe(true);
  });

  it('the machine\'s meanings are the RFC\'s words after "represents" (spot checks of §3.3.2)', () => {
    const meaning = (name: string) => machine.states.find((state) => state.name === name)!.meaning;
    expect(meaning('CLOSED')).toBe('no connection state at all.');
    expect(meaning('LISTEN')).toBe('waiting for a connection request from any remote TCP peer and port.');
    expect(meaning('LAST-ACK')).toContain('(this termination request sent to the remote TCP peer already included an acknowledgment');
    expect(meaning('TIME-WAIT')).toContain('to avoid new connections being impacted by delayed segments from previous connections.');
    for (const state of machine.states) expect(state.meaning, state.name).toMatch(/^[a-z].*\.$/);
  });

  it('Chinese shows a translation, a Chinese name and a note in Chinese for every state; the state names stay RFC form', () => {
    const rows = stateDefinitions(translatorFor('zh-cn'));
    expect(rows.map((row) => row.name)).toEqual(machine.states.map((state) => state.name));
    for (const row of rows) {
      expect(row.definition, row.name).toMatch(/\p{Script=Han}/u);
      expect(row.gloss, row.name).toMatch(/\p{Script=Han}/u);
      expect(row.practice, row.name).toMatch(/\p{Script=Han}/u);
    }
  });

  it('splits a note into text and code runs at backticks', () => {
    expect(codeRuns('A server after `listen()` (a passive OPEN).')).toEqual([
      { code: false, text: 'A server after ' },
      { code: true, text: 'listen()' },
      { code: false, text: ' (a passive OPEN).' },
    ]);
  });
});
