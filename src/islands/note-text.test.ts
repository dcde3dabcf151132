import { describe, expect, it } from 'vitest';
import { translatorFor } from '../i18n/catalogue';
import { NOTE_TEXT, noteEnglish, type Note, type NoteCode } from '../machine/notes';
import { parseScenario } from '../simulator/scenario';
import { simulate } from '../simulator/simulate';
import { eventNoteText, noteText } from './note-text';

/** One note of every code the machine has, with parameters where the code takes them. */
const everyNote: Note[] = (Object.keys(NOTE_TEXT) as NoteCode[]).map((code) =>
  code === 'timerNotArmed'
    ? { code, params: { timer: 'retransmission' } }
    : code === 'timerNotDue'
      ? { code, params: { timer: 'timeWait', deadline: 3000 } }
      : ({ code } as Note),
);

describe("the reducer's notes in the reader's language", () => {
  it('gives each note a Chinese text, and English as the machine writes it', () => {
    const zh = translatorFor('zh-cn');
    const english = translatorFor('en');
    expect(everyNote.length).toBeGreaterThan(10);
    for (const note of everyNote) {
      expect(noteText(zh, note)).toMatch(/\p{Script=Han}/u);
      // Timer notes name the timer as the islands do ("retransmission (RTO)"); the others read exactly as the trace.
      if (note.code !== 'timerNotArmed' && note.code !== 'timerNotDue') expect(noteText(english, note)).toBe(noteEnglish(note));
    }
    expect(noteText(english, { code: 'timerNotArmed', params: { timer: 'retransmission' } })).toBe('retransmission (RTO) timer is not armed: ignored');
  });

  it("says a trace event's note in Chinese: the scenario's words as written, the machine's through the catalogue", () => {
    const trace = simulate(
      parseScenario({
        endpoints: { client: {}, server: {} },
        steps: [
          { at: 0, endpoint: 'server', call: 'listen' },
          { at: 10, inject: { to: 'server', flags: ['RST'], seq: 1 }, note: 'a forged RST' },
        ],
      }),
    );
    const forged = trace.events.find((event) => event.type === 'receive' && event.injected)!;
    expect(forged.note).toBe('a forged RST');
    const listenRst = trace.events.find((event) => event.transition === 'listen-rcv-rst');
    expect(listenRst).toBeDefined();
    const closedRst = simulate(parseScenario({ endpoints: { a: {}, b: {} }, steps: [{ at: 0, inject: { to: 'a', flags: ['RST'], seq: 1 }, note: 'forged' }] }));
    const event = closedRst.events.find((e) => e.type === 'receive')!;
    expect(event.note).toBe('forged; RST to a closed port is discarded');
    expect(eventNoteText(translatorFor('zh-cn'), event)).toBe('forged; 发往关闭端口的 RST 被丢弃');
    // An event the page did not simulate (a copy, as from JSON) keeps the English it carries.
    expect(eventNoteText(translatorFor('zh-cn'), { ...event })).toBe('forged; RST to a closed port is discarded');
  });
});
