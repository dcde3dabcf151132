import { describe, expect, it } from 'vitest';
import { answerQuizSet } from './quiz-answers';
import { parseQuizSet } from './quiz-format';
import { loadQuizSet, quizSetNames } from './quiz-sets';

const FILE = 'content/quiz/test.json';
const question = (overrides: Record<string, unknown>) => ({
  id: 'q',
  ask: 'state',
  scenario: 'normal-open-close',
  endpoint: 'server',
  when: { after: { endpoint: 'server', event: 'receive', flags: 'SYN' } },
  question: 'Which state?',
  explanation: 'Because.',
  ...overrides,
});
const answer = (overrides: Record<string, unknown>) => answerQuizSet(parseQuizSet({ questions: [question(overrides)] }, FILE), FILE)[0]!;

describe('quiz answers are computed by running the scenario', () => {
  it('the server is in SYN-RECEIVED just after it receives the SYN (its whole reaction counts)', () => {
    const answered = answer({ choices: ['LISTEN', 'SYN-RECEIVED', 'ESTABLISHED'] });
    expect(answered.choices[answered.correct]).toBe('SYN-RECEIVED');
    expect(answered.runIt.scenario).toBe('normal-open-close');
    expect(answered.evidence).toMatch(/^server is in SYN-RECEIVED after step \d+ \(t = 50 ms\)$/);
  });

  it('the server answers a SYN with SYN,ACK, whatever order the file writes the flags in', () => {
    const answered = answer({ ask: 'next-flags', when: { after: { endpoint: 'server', event: 'receive', flags: 'SYN' } }, choices: ['SYN', 'ACK,SYN', 'ACK', 'RST'] });
    expect(answered.choices).toEqual(['SYN', 'SYN,ACK', 'ACK', 'RST']);
    expect(answered.choices[answered.correct]).toBe('SYN,ACK');
    expect(answered.evidence).toMatch(/^server next sends SYN,ACK seq=5000 ack=1001 len=0 at t = 50 ms, step 3$/);
    expect(answered.runIt.step).toBe(3);
  });

  it('the passive closer enters LAST-ACK, not FIN-WAIT-2, after its CLOSE-WAIT', () => {
    const answered = answer({ ask: 'next-state', when: { after: { endpoint: 'server', event: 'state', to: 'CLOSE-WAIT' } }, choices: ['FIN-WAIT-2', 'LAST-ACK', 'TIME-WAIT'] });
    expect(answered.choices[answered.correct]).toBe('LAST-ACK');
  });

  it('after the lost final ACK the client is still in TIME-WAIT when the retransmitted FIN arrives', () => {
    const answered = answer({
      scenario: 'lost-final-ack',
      endpoint: 'client',
      when: { after: { endpoint: 'client', event: 'receive', flags: 'FIN,ACK', nth: 2 } },
    });
    expect(answered.choices[answered.correct]).toBe('TIME-WAIT');
    expect(answered.choices).toHaveLength(11);
  });

  it('"end" and { at } moments: both sides end CLOSED; at 120 ms the client is ESTABLISHED and the server is not yet', () => {
    expect(answer({ when: 'end' }).choices[answer({ when: 'end' }).correct]).toBe('CLOSED');
    const client = answer({ endpoint: 'client', when: { at: 120 } });
    const server = answer({ when: { at: 120 } });
    expect(client.choices[client.correct]).toBe('ESTABLISHED');
    expect(server.choices[server.correct]).toBe('SYN-RECEIVED');
  });
});

describe('quiz files with faults stop the build with the file, the question and the fault', () => {
  const fault = (json: unknown) => {
    try {
      answerQuizSet(parseQuizSet(json, FILE), FILE);
    } catch (error) {
      return (error as Error).message;
    }
    return 'no error';
  };

  it('a computed answer that is not among the choices', () => {
    expect(fault({ questions: [question({ choices: ['LISTEN', 'ESTABLISHED'] })] })).toBe(
      'content/quiz/test.json: question "q": the machine\'s answer is "SYN-RECEIVED" (server is in SYN-RECEIVED after step 3 (t = 50 ms)), which is not among the choices ["LISTEN","ESTABLISHED"]',
    );
  });

  it('a moment that never happens', () => {
    expect(fault({ questions: [question({ when: { after: { endpoint: 'server', event: 'receive', flags: 'SYN,ACK' } } })] })).toBe(
      'content/quiz/test.json: question "q": when.after matches no event of the trace (looking for a receive of SYN,ACK by server)',
    );
  });

  it('an unknown scenario, endpoint, state, flag or field', () => {
    expect(fault({ questions: [question({ scenario: 'nope' })] })).toBe('content/quiz/test.json: question "q": scenario: no file content/scenarios/nope.json');
    expect(fault({ questions: [question({ endpoint: 'sever' })] })).toContain('endpoint: "sever" is not in normal-open-close (it has client and server)');
    expect(fault({ questions: [question({ choices: ['LISTEN', 'FIN_WAIT2'] })] })).toContain('question "q": choices[1]: unknown state "FIN_WAIT2"');
    expect(fault({ questions: [question({ when: { after: { event: 'receive', flags: 'SYNACK' } } })] })).toContain('when.after.flags: "SYNACK" is not a flag');
    expect(fault({ questions: [question({ answer: 'LISTEN' })] })).toContain('question "q": answer: unknown field');
  });

  it('duplicate ids, a missing id and an empty file', () => {
    expect(fault({ questions: [question({}), question({})] })).toBe('content/quiz/test.json: question "q": id: used twice in this file');
    expect(fault({ questions: [question({ id: undefined })] })).toBe('content/quiz/test.json: question "#1": id: expected a non-empty string');
    expect(fault({ questions: [] })).toBe('content/quiz/test.json: questions: expected a non-empty array, got an array');
    expect(fault('[]')).toContain('expected an object with "questions"');
  });
});

describe('the quiz files of content/quiz', () => {
  it.each(quizSetNames())('%s.json is valid and every answer is one of its choices', (name) => {
    const quiz = loadQuizSet(name);
    expect(quiz.questions.length).toBeGreaterThan(0);
    for (const question of quiz.questions) expect(question.choices[question.correct]).toBeDefined();
  });
});
