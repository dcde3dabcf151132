/**
 * Claims the articles make about the machine, checked against the machine itself, in both editions
 * (content/docs and content/docs/zh-cn). Found by an RFC correctness audit; each test names the
 * section of RFC 9293 the claim comes from.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { machine } from './definition';

const EDITIONS = ['content/docs', 'content/docs/zh-cn'] as const;
const article = (edition: string, name: string) => readFileSync(`${edition}/${name}.mdx`, 'utf8');

describe('resets: which ABORTs send a RST (§3.10.5)', () => {
  const withRst = machine.transitions.filter((t) => t.event === 'ABORT' && t.sends.includes('RST')).map((t) => t.from);
  const synchronized = new Set(machine.states.filter((s) => s.synchronized).map((s) => s.name));
  /** Synchronized states whose ABORT sends nothing: CLOSING, LAST-ACK, TIME-WAIT. */
  const withoutRst = machine.transitions
    .filter((t) => t.event === 'ABORT' && !t.sends.includes('RST') && synchronized.has(t.from))
    .map((t) => t.from);

  for (const edition of EDITIONS) {
    it(`${edition}: the paragraph on ABORT names exactly the states whose ABORT sends <SEQ=SND.NXT><CTL=RST>`, () => {
      const paragraphs = article(edition, 'resets').split(/\n\s*\n/);
      const paragraph = paragraphs.find((p) => p.includes('ABORT') && p.includes('<SEQ=SND.NXT><CTL=RST>')) ?? '';
      expect(paragraph).not.toBe('');
      for (const state of withRst) expect(paragraph, state).toContain(state);
      // CLOSING, LAST-ACK and TIME-WAIT are synchronized but send nothing: "a synchronized state" would include them.
      expect(paragraph).not.toMatch(/in a synchronized state|在同步状态下/);
      expect(withoutRst).toEqual(['CLOSING', 'LAST-ACK', 'TIME-WAIT']);
      for (const state of withoutRst) expect(paragraph, state).not.toContain(state);
    });
  }
});

describe('resets: when a RST is accepted in SYN-RECEIVED (§3.10.7.4 second check, RFC 5961)', () => {
  it('the machine challenges an in-window RST in SYN-RECEIVED that is not exactly RCV.NXT', () => {
    expect(machine.transitions.some((t) => t.id === 'syn-received-rcv-rst-inexact')).toBe(true);
  });
  for (const edition of EDITIONS) {
    // The table is <RstTable />, rendered from the machine's "rcv RST" records (src/reference/rst-reactions.test.ts checks its rows).
    it(`${edition}: the article shows the machine's RST table rather than a hand-written one`, () => {
      const text = article(edition, 'resets');
      expect(text).toContain('<RstTable />');
      expect(text).not.toMatch(/^\| SYN-RECEIVED \|/m);
    });
  }
});

describe('delayed ACK: MUST-40 is "less than 0.5 seconds" (§3.8.6.3)', () => {
  for (const edition of EDITIONS) {
    it(`${edition}: no article turns it into "up to 0.5 s" or makes SHLD-18 a "SHOULD not"`, () => {
      for (const name of ['handshake', 'teardown', 'resets', 'pitfalls', 'reading-real-connections', 'state-machine']) {
        const text = article(edition, name);
        expect(text, name).not.toMatch(/up to\s+0\.5 s|最多可以推迟 0\.5 秒/);
        expect(text, name).not.toMatch(/SHOULD not\b/);
      }
    });
  }
});

describe('reading real connections: the /proc/net/tcp example', () => {
  for (const edition of EDITIONS) {
    it(`${edition}: the line is not presented as the capture's TIME-WAIT socket, whose port differs`, () => {
      const text = article(edition, 'reading-real-connections');
      // The list item that holds the line (a bullet may wrap over several lines).
      const line = text.split(/\n(?=- )/).find((item) => item.includes('0100007F:E304')) ?? '';
      const localPort = parseInt('E304', 16);
      expect(line).toContain(String(localPort));
      // The capture's TIME-WAIT socket is the client's port 41444, not 58116.
      expect(text).toContain('TIME-WAIT 0      0          127.0.0.1:41444');
      expect(line).not.toMatch(/For the TIME-WAIT socket shown further down|对于下文那个 TIME-WAIT 套接字/);
    });
  }
});

describe('quiz: what the client reports when its SYN meets a closed port (§3.10.7.3)', () => {
  const reported = machine.transitions.find((t) => t.id === 'syn-sent-rcv-rst')!.reports!;
  for (const file of ['content/quiz/pitfalls.json', 'content/quiz/zh-cn/pitfalls.json']) {
    it(`${file}: the explanation gives the machine's (and the RFC's) "${reported}" beside the socket API's "connection refused"`, () => {
      const set = JSON.parse(readFileSync(file, 'utf8')) as { questions: Array<{ id: string; explanation: string }> };
      const explanation = set.questions.find((q) => q.id === 'closed-port-answers-rst')!.explanation;
      expect(explanation).toContain(reported);
      expect(explanation).toContain('ECONNREFUSED');
    });
  }
});
