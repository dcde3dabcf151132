import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { machine } from '../machine/definition';
import { CaptureError } from '../capture/capture-error';
import { parseCapture } from '../capture/parse-capture';
import { replayCapture } from '../capture/replay-capture';
import { decodeSetup } from '../islands/permalink';
import { openSession } from '../islands/session';
import { loadQuizSet, quizSetNames } from '../islands/quiz-sets';
import { CATALOGUES, islandMessages } from './catalogue';
import { formatMessage } from './format';
import { en, type MessageKey } from './messages.en';
import { LOCALES } from './locales';
import { parseScenario } from '../simulator/scenario';

const ROOT = join(__dirname, '..', '..');
const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
const pages = (folder: string) =>
  readdirSync(join(ROOT, folder), { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.mdx?$/.test(entry.name))
    .map((entry) => entry.name.replace(/\.mdx?$/, ''))
    .sort();

describe('message catalogues', () => {
  const keys = Object.keys(en).sort();

  for (const locale of LOCALES) {
    it(`${locale} has every key of the English catalogue and no other`, () => {
      expect(Object.keys(CATALOGUES[locale]).sort()).toEqual(keys);
    });

    it(`${locale} fills the same {params} as English in every message`, () => {
      const differing = keys.filter((key) => placeholders(CATALOGUES[locale][key as MessageKey]).join() !== placeholders(en[key as MessageKey]).join());
      expect(differing).toEqual([]);
    });

    it(`${locale} has no empty message`, () => {
      expect(Object.entries(CATALOGUES[locale]).filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
    });
  }

  it('the Chinese catalogue is Chinese: every sentence-length message contains Han characters', () => {
    const untranslated = keys.filter((key) => {
      const text = CATALOGUES['zh-cn'][key as MessageKey].replace(/\{\w+\}/g, '');
      return /[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}/i.test(en[key as MessageKey]) && !/\p{Script=Han}/u.test(text);
    });
    expect(untranslated).toEqual([]);
  });

  it('the English state meanings are the machine\'s own, and every state has a gloss in every language', () => {
    for (const state of machine.states) expect(en[`state.${state.name}`]).toBe(state.meaning);
  });

  it('an island receives only the keys it asks for, in one language', () => {
    const shipped = JSON.parse(islandMessages('zh-cn', ['quiz.'])) as Record<string, string>;
    expect(Object.keys(shipped).every((key) => key.startsWith('quiz.'))).toBe(true);
    expect(shipped['quiz.check']).toBe(CATALOGUES['zh-cn']['quiz.check']);
  });
});

describe('English messages built outside the catalogue say the same as the catalogue', () => {
  it('simulator problems: each code names a message whose English text is the problem\'s message', () => {
    const problems = [
      ...decodeSetup(new URLSearchParams('scenario=foo&step=abc&edits=client.explode@3~client.drop0')).problems,
      ...openSession({ scenario: 'foo', edits: [], step: 0 }).problems,
      ...openSession({ scenario: 'lost-fin', edits: [], step: 9999 }).problems,
      ...openSession({ scenario: 'lost-fin', edits: [{ kind: 'drop', from: 'mallory', nth: 1 }], step: 0 }).problems,
    ];
    expect(problems.map((problem) => problem.code).sort()).toEqual(
      ['dropCountedFromOne', 'editNotUnderstood', 'stepNotNumber', 'stepPastEnd', 'unknownEndpoint', 'unknownScenario'].sort(),
    );
    for (const problem of problems) expect(formatMessage(en[`problem.${problem.code}`], problem.params)).toBe(problem.message);
  });

  it('quiz evidence: each answered question\'s evidence key gives its English evidence sentence', () => {
    for (const set of quizSetNames()) {
      for (const question of loadQuizSet(set).questions) {
        expect(formatMessage(en[question.evidenceMessage.key], question.evidenceMessage.params)).toBe(question.evidence);
      }
    }
  });

  it('capture errors: every CaptureError the parsers throw carries a code the catalogues know', () => {
    const sources = readdirSync(join(ROOT, 'src/capture')).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && name !== 'worker-client.ts');
    for (const name of sources) {
      const source = readFileSync(join(ROOT, 'src/capture', name), 'utf8');
      const throws = source.split('new CaptureError(').length - 1;
      const localised = source.match(/new CaptureError\([\s\S]*?\{ code: [^}]*\}/g) ?? [];
      expect(localised.length, `${name}: every new CaptureError(…) has { code }`).toBe(throws);
      for (const code of source.matchAll(/code: [^,}]*?'(\w+)'(?: : '(\w+)')?/g)) {
        for (const found of [code[1], code[2]].filter(Boolean)) expect(`capture.${found}` in en, `capture.${found}`).toBe(true);
      }
    }
  });

  it('capture errors: the English catalogue message, placed at its byte or line, is the error\'s message', () => {
    const pcapHeader = (version: number) => Uint8Array.of(0xd4, 0xc3, 0xb2, 0xa1, version, 0, 4, 0, ...new Array<number>(8).fill(0), 0xff, 0xff, 0, 0, 1, 0, 0, 0);
    const recordBeyondFile = Uint8Array.of(...pcapHeader(2), ...new Array<number>(8).fill(0), 0xe8, 0x03, 0, 0, 0xe8, 0x03, 0, 0, 1, 2, 3);
    const inputs: Array<Uint8Array | string> = [
      Uint8Array.of(0xd4, 0xc3, 0xb2, 0xa1, 1, 2, 3),
      pcapHeader(3),
      recordBeyondFile,
      Uint8Array.of(0, 1, 2, 3, 0xff, 0xfe, 0, 0, 7, 7),
      'hello, this is not tcpdump\n',
    ];
    for (const input of inputs) {
      let thrown: unknown;
      try {
        parseCapture(input);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(CaptureError);
      const error = thrown as CaptureError;
      expect(error.code).not.toBeNull();
      const message = formatMessage(en[`capture.${error.code}` as MessageKey], error.params);
      const placed =
        error.byteOffset !== null
          ? formatMessage(en['capture.at.byte'], { offset: error.byteOffset, message })
          : error.line !== null
            ? formatMessage(en['capture.at.line'], { line: error.line, message })
            : message;
      expect(placed).toBe(error.message);
    }
  });
});

describe('replay annotations', () => {
  it('each annotation of every real capture in src/capture/fixtures has a code whose English message is its text', () => {
    const folder = join(ROOT, 'src/capture/fixtures');
    const files = readdirSync(folder).filter((name) => name.endsWith('.pcap') || (name.endsWith('.txt') && !name.includes('.ss.')));
    const seen = new Set<string>();
    for (const name of files) {
      const input = name.endsWith('.pcap') ? new Uint8Array(readFileSync(join(folder, name))) : readFileSync(join(folder, name), 'utf8');
      for (const replay of replayCapture(input).replays) {
        for (const annotation of replay.annotations) {
          seen.add(annotation.code);
          expect(formatMessage(en[`annotation.${annotation.code}` as MessageKey], annotation.params), name).toBe(annotation.text);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(2);
  });

  it('every annotation code written in src/capture/replay.ts is in the catalogues', () => {
    const source = readFileSync(join(ROOT, 'src/capture/replay.ts'), 'utf8');
    const codes = [...source.matchAll(/'(startsAfterSyn|startsMidConnection|synAgain|synAckAgain|keepAlive\.one|keepAlive\.other|rst\w+|\w+Again|\w+(?:Fin|Ack|Probe|Missing|Capture|Kind|Send|State))'/g)].map((match) => match[1]!);
    expect(codes.length).toBeGreaterThanOrEqual(20);
    for (const code of codes) expect(`annotation.${code}` in en, code).toBe(true);
  });
});

describe('the editions have the same pages and quizzes', () => {
  it('every English page in content/docs has a zh-cn counterpart, and every zh-cn page an English one', () => {
    expect(pages('content/docs/zh-cn')).toEqual(pages('content/docs'));
  });

  it('every English quiz set has a zh-cn one with the same question ids, and vice versa', () => {
    expect(quizSetNames('zh-cn')).toEqual(quizSetNames('en'));
    for (const set of quizSetNames('en')) {
      const ids = (locale: 'en' | 'zh-cn') => loadQuizSet(set, locale).questions.map((question) => question.id);
      expect(ids('zh-cn'), set).toEqual(ids('en'));
    }
  });

  it('a zh-cn quiz asks the same moments as the English one, so both have the same answers', () => {
    for (const set of quizSetNames('en')) {
      const answers = (locale: 'en' | 'zh-cn') => loadQuizSet(set, locale).questions.map((question) => [question.id, question.choices[question.correct], question.runIt]);
      expect(answers('zh-cn'), set).toEqual(answers('en'));
    }
  });
});

describe('scenario texts', () => {
  const scenarioFiles = readdirSync(join(ROOT, 'content/scenarios')).filter((name) => name.endsWith('.json'));
  const load = (file: string) => parseScenario(JSON.parse(readFileSync(join(ROOT, 'content/scenarios', file), 'utf8')), file);

  it('every scenario file has its English title and description and a Chinese description (i18n.zh-cn)', () => {
    for (const file of scenarioFiles) {
      const scenario = load(file);
      expect(scenario.title, file).toBeTruthy();
      expect(scenario.description, file).toBeTruthy();
      expect(scenario.i18n?.['zh-cn']?.description, file).toMatch(/\p{Script=Han}/u);
    }
  });

  it('every scenario file has a Chinese title too, and no catalogue copies a scenario title', () => {
    for (const file of scenarioFiles) {
      const name = file.replace(/\.json$/, '');
      expect(load(file).i18n?.['zh-cn']?.title, file).toMatch(/\p{Script=Han}/u);
      for (const locale of LOCALES) expect(Object.keys(CATALOGUES[locale]), locale).not.toContain(`scenario.${name}`);
    }
  });

  it('no catalogue copies a scenario description: it lives in the scenario file only', () => {
    const descriptions = new Set(scenarioFiles.flatMap((file) => [load(file).description, load(file).i18n?.['zh-cn']?.description]));
    for (const locale of LOCALES) {
      for (const [key, text] of Object.entries(CATALOGUES[locale])) {
        expect(key, locale).not.toMatch(/^scenarioAbout\./);
        expect(descriptions.has(text), `${locale} ${key}`).toBe(false);
      }
    }
  });
});
