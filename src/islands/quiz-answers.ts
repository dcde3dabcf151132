import { formatFlags, formatSegment } from '../machine/format';
import type { State } from '../machine/types';
import type { SegmentEvent, TraceEvent } from '../simulator/trace';
import { formatTime } from './time-format';
import { QuizError, type EventMatch, type QuizMoment, type QuizQuestion, type QuizSet } from './quiz-format';
import { eventsShown, openSession, type Session } from './session';
import { endpointNames, loadScenario } from './scenario-registry';
import './scenarios';

export type EvidenceKey =
  | 'quiz.evidence.stateBefore'
  | 'quiz.evidence.stateAfter'
  | 'quiz.evidence.noMoreStates'
  | 'quiz.evidence.noMoreSends'
  | 'quiz.evidence.goes'
  | 'quiz.evidence.sends';
type Read = { answer: string; evidence: string; evidenceMessage: AnsweredQuestion['evidenceMessage']; step: number };

/** A question with its answer computed by the machine, ready to render. */
export interface AnsweredQuestion {
  id: string;
  question: string;
  choices: string[];
  /** Index in `choices` of the right one. */
  correct: number;
  explanation: string;
  /** What the simulation showed, in one sentence: the evidence behind the answer (English). */
  evidence: string;
  /** The same sentence as a catalogue key and its parameters, for pages in other languages (`quiz.evidence.*`). */
  evidenceMessage: { key: EvidenceKey; params: Record<string, string | number> };
  /** The simulator setup that shows the moment: the quiz's "Run it" link opens the playground there. */
  runIt: { scenario: string; step: number };
}

/** Runs every question's scenario to its moment and reads the answer; a question the machine cannot answer as written fails the build with a QuizError. */
export function answerQuizSet(set: QuizSet, file: string): AnsweredQuestion[] {
  return set.questions.map((question) => answerQuestion(question, file));
}

export function answerQuestion(question: QuizQuestion, file: string): AnsweredQuestion {
  const fail = (fault: string): never => {
    throw new QuizError(file, question.id, fault);
  };
  const scenario = loadScenario(question.scenario);
  if (!scenario) return fail(`scenario: no file content/scenarios/${question.scenario}.json`);
  const names = endpointNames(scenario);
  if (!names.includes(question.endpoint)) fail(`endpoint: "${question.endpoint}" is not in ${question.scenario} (it has ${names.join(' and ')})`);
  if (typeof question.when === 'object' && 'after' in question.when && question.when.after.endpoint !== undefined) {
    const named = question.when.after.endpoint;
    if (!names.includes(named)) fail(`when.after.endpoint: "${named}" is not in ${question.scenario} (it has ${names.join(' and ')})`);
  }
  const session = openSession({ scenario: question.scenario, edits: [], step: 0 });
  const events = session.trace.events;
  const count = eventsAtMoment(events, question.when, fail);
  const { answer, evidence, evidenceMessage, step } = readAnswer(session, question, count);
  const correct = question.choices.indexOf(answer);
  if (correct === -1) {
    fail(`the machine's answer is "${answer}" (${evidence}), which is not among the choices ${JSON.stringify(question.choices)}`);
  }
  return {
    id: question.id,
    question: question.question,
    choices: question.choices,
    correct,
    explanation: question.explanation,
    evidence,
    evidenceMessage,
    runIt: { scenario: question.scenario, step },
  };
}

/** How many trace events have happened at the question's moment. */
export function eventsAtMoment(events: readonly TraceEvent[], when: QuizMoment, fail: (fault: string) => never): number {
  if (when === 'start') return 0;
  if (when === 'end') return events.length;
  if ('at' in when) return events.filter((event) => event.t <= when.at).length;
  const match = when.after;
  let seen = 0;
  for (let index = 0; index < events.length; index++) {
    if (matches(events[index]!, match) && ++seen === match.nth) return index + 1;
  }
  return fail(`when.after matches ${seen === 0 ? 'no event' : `only ${seen} event${seen === 1 ? '' : 's'}`} of the trace (looking for ${describeMatch(match)})`);
}

function matches(event: TraceEvent, match: EventMatch): boolean {
  if (event.type !== match.event) return false;
  if (match.endpoint !== undefined && event.endpoint !== match.endpoint) return false;
  if (match.flags && !(('segment' in event) && formatFlags(event.segment.flags) === formatFlags(match.flags))) return false;
  if (match.to && !(event.type === 'state' && event.to === match.to)) return false;
  if (match.timer && !(event.type === 'timer' && event.name === match.timer)) return false;
  if (match.action && !(event.type === 'timer' && event.action === match.action)) return false;
  return true;
}

function describeMatch(match: EventMatch): string {
  const parts = [match.nth > 1 ? `the ${ordinal(match.nth)}` : 'a', match.event];
  if (match.flags) parts.push(`of ${formatFlags(match.flags)}`);
  if (match.to) parts.push(`to ${match.to}`);
  if (match.timer) parts.push(`of timer ${match.timer}`);
  if (match.action) parts.push(`(${match.action})`);
  if (match.endpoint) parts.push(`by ${match.endpoint}`);
  return parts.join(' ');
}

function ordinal(n: number): string {
  return n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`;
}

/** The simulator step (1-based) in which the event at `index` happens. */
function stepOfEvent(session: Session, index: number): number {
  return session.ends.findIndex((end) => end > index) + 1;
}

/**
 * Reads the answer at a moment given as a count of events. A `state` question is read at the end of the simulator
 * step containing the moment ("after the server receives the SYN" includes its reaction: it is in SYN-RECEIVED);
 * a `next-*` question looks at what follows the moment's own event (the SYN,ACK it sends in that same reaction).
 * `step` is where the "Run it" link lands: the state's step, or the step in which the answer happens.
 */
function readAnswer(session: Session, question: QuizQuestion, count: number): Read {
  const events = session.trace.events;
  const who = question.endpoint;
  const last = session.ends.length;
  if (question.ask === 'state') {
    const step = count === 0 ? 0 : stepOfEvent(session, count - 1);
    const shown = eventsShown(session, step);
    let state: State = 'CLOSED';
    for (const event of events.slice(0, shown)) if (event.endpoint === who && event.type === 'state') state = event.to;
    if (step === 0) {
      return { answer: state, evidence: `${who} is in ${state} before anything happens`, evidenceMessage: { key: 'quiz.evidence.stateBefore', params: { who, state } }, step };
    }
    const time = formatTime(events[shown - 1]!.t);
    return { answer: state, evidence: `${who} is in ${state} after step ${step} (t = ${time})`, evidenceMessage: { key: 'quiz.evidence.stateAfter', params: { who, state, step, time } }, step };
  }
  const kind = question.ask === 'next-state' ? 'state' : 'send';
  const index = events.findIndex((event, at) => at >= count && event.endpoint === who && event.type === kind);
  const next = events[index];
  if (!next) {
    const what = kind === 'state' ? 'changes state no more' : 'sends nothing more';
    const time = formatTime(count ? events[count - 1]!.t : 0);
    const key = kind === 'state' ? 'quiz.evidence.noMoreStates' : 'quiz.evidence.noMoreSends';
    return { answer: 'nothing', evidence: `${who} ${what} after t = ${time}`, evidenceMessage: { key, params: { who, time } }, step: last };
  }
  const step = stepOfEvent(session, index);
  if (next.type === 'state') {
    // The record's id goes along so a page can say the cause in its language (Quiz.astro).
    const params = { who, from: next.from, to: next.to, time: formatTime(next.t), cause: next.cause, step, ...(next.transition ? { transition: next.transition } : {}) };
    return { answer: next.to, evidence: `${who} goes from ${next.from} to ${next.to} at t = ${params.time} (${next.cause}), step ${step}`, evidenceMessage: { key: 'quiz.evidence.goes', params }, step };
  }
  const { segment } = next as SegmentEvent;
  const params = { who, segment: formatSegment(segment), time: formatTime(next.t), step };
  return { answer: formatFlags(segment.flags), evidence: `${who} next sends ${params.segment} at t = ${params.time}, step ${step}`, evidenceMessage: { key: 'quiz.evidence.sends', params }, step };
}
