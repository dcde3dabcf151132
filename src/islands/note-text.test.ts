import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translatorFor } from '../i18n/catalogue';
import { isKnownNote, noteText } from './note-text';

/** Every note the reducer can write, read from its source: a note added there must be added to note-text.ts. */
const reducerNotes = [...readFileSync(join(__dirname, '../machine/endpoint.ts'), 'utf8').matchAll(/s\.note = (['`"])(.*?)\1;/g)].map((match) =>
  match[1] === '`' ? match[2]!.replace(/\$\{name\}/g, 'retransmission').replace(/\$\{deadline\}/g, '3000') : match[2]!.replace(/\\'/g, "'"),
);

describe('the reducer\'s notes in the reader\'s language', () => {
  it('reads every note the reducer writes', () => {
    expect(reducerNotes.length).toBeGreaterThan(10);
    expect(reducerNotes.filter((note) => !isKnownNote(note))).toEqual([]);
  });

  it('gives each note a Chinese text, and English as the machine wrote it', () => {
    const zh = translatorFor('zh-cn');
    const english = translatorFor('en');
    for (const note of reducerNotes) {
      expect(noteText(zh, note)).toMatch(/\p{Script=Han}/u);
      // Timer notes name the timer as the islands do ("retransmission (RTO)"); the others read exactly as written.
      if (!/ timer is not (armed|due)/.test(note)) expect(noteText(english, note)).toBe(note);
    }
  });

  it('keeps a note it does not know as the machine wrote it', () => {
    expect(noteText(translatorFor('zh-cn'), 'a brand new note')).toBe('a brand new note');
  });
});
