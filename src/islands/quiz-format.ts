import { formatFlags } from '../machine/format';
import { FLAGS, STATES, type Flag, type State, type TimerName, TIMERS } from '../machine/types';

/**
 * The question files of `content/quiz/<set>.json` (documented in content/quiz/README.md). A question names a
 * scenario, an endpoint and a moment; its right answer is not written in the file but computed by running the
 * scenario (quiz-answers.ts), so a quiz can never disagree with the machine.
 */
export interface QuizSet {
  /** Heading shown above the questions. */
  title?: string;
  questions: QuizQuestion[];
}

/** `state`: the endpoint's state at the moment; `next-state`: the next state it enters after it; `next-flags`: the flags of the next segment it sends after it ("nothing" if none). */
export type QuizAsk = 'state' | 'next-state' | 'next-flags';
export const QUIZ_ASKS: readonly QuizAsk[] = ['state', 'next-state', 'next-flags'];

export type TraceEventType = 'state' | 'send' | 'receive' | 'drop' | 'timer' | 'error';
const EVENT_TYPES: readonly TraceEventType[] = ['state', 'send', 'receive', 'drop', 'timer', 'error'];

/** Picks the nth (from 1) trace event that matches every field given. */
export interface EventMatch {
  endpoint?: string;
  event: TraceEventType;
  /** For send/receive/drop: the exact set of flags, written "SYN,ACK" (any order). */
  flags?: Flag[];
  /** For state events: the state entered. */
  to?: State;
  /** For timer events. */
  timer?: TimerName;
  action?: 'start' | 'stop' | 'fire';
  nth: number;
}

/** `start` (before anything happens), `end` (after everything), `{ at }` (after every event up to that virtual ms), `{ after }` (just after one event). */
export type QuizMoment = 'start' | 'end' | { at: number } | { after: EventMatch };

export interface QuizQuestion {
  id: string;
  ask: QuizAsk;
  scenario: string;
  endpoint: string;
  when: QuizMoment;
  question: string;
  /** The choices offered, in order. For `state` and `next-state` they default to the 11 states. */
  choices: string[];
  explanation: string;
}

/** A fault in a quiz file, naming the file, the question and the field. */
export class QuizError extends Error {
  constructor(file: string, questionId: string | null, fault: string) {
    super(`${file}: ${questionId === null ? '' : `question "${questionId}": `}${fault}`);
    this.name = 'QuizError';
  }
}

export function parseQuizSet(json: unknown, file: string): QuizSet {
  if (!isObject(json)) throw new QuizError(file, null, `expected an object with "questions", got ${kindOf(json)}`);
  rejectUnknown(json, ['title', 'questions'], file, null, '');
  if (json.title !== undefined && typeof json.title !== 'string') throw new QuizError(file, null, `title: expected a string, got ${kindOf(json.title)}`);
  if (!Array.isArray(json.questions) || json.questions.length === 0) {
    throw new QuizError(file, null, `questions: expected a non-empty array, got ${kindOf(json.questions)}`);
  }
  const seen = new Set<string>();
  const questions = json.questions.map((raw, index) => {
    const id = isObject(raw) && typeof raw.id === 'string' && raw.id ? raw.id : null;
    const fail = (fault: string): never => {
      throw new QuizError(file, id ?? `#${index + 1}`, fault);
    };
    if (!isObject(raw)) return fail(`expected an object, got ${kindOf(raw)}`);
    if (id === null) return fail('id: expected a non-empty string');
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) fail(`id: "${id}" should be kebab-case (it appears in the page's anchors)`);
    if (seen.has(id)) fail('id: used twice in this file');
    seen.add(id);
    rejectUnknown(raw, ['id', 'ask', 'scenario', 'endpoint', 'when', 'question', 'choices', 'explanation'], file, id, '');
    const ask = raw.ask as QuizAsk;
    if (!QUIZ_ASKS.includes(ask)) fail(`ask: expected one of ${QUIZ_ASKS.join(', ')}, got ${JSON.stringify(raw.ask)}`);
    for (const field of ['scenario', 'endpoint', 'question', 'explanation'] as const) {
      if (typeof raw[field] !== 'string' || !(raw[field] as string).trim()) fail(`${field}: expected a non-empty string, got ${kindOf(raw[field])}`);
    }
    const when = parseMoment(raw.when, fail);
    const choices = parseChoices(raw.choices, ask, fail);
    return {
      id,
      ask,
      scenario: raw.scenario as string,
      endpoint: raw.endpoint as string,
      when,
      question: raw.question as string,
      choices,
      explanation: raw.explanation as string,
    };
  });
  return { ...(typeof json.title === 'string' ? { title: json.title } : {}), questions };
}

function parseMoment(value: unknown, fail: (fault: string) => never): QuizMoment {
  if (value === 'start' || value === 'end') return value;
  if (!isObject(value)) return fail(`when: expected "start", "end", { "at": ms } or { "after": {...} }, got ${kindOf(value)}`);
  if ('at' in value) {
    if (Object.keys(value).length !== 1) fail('when: give either "at" or "after", not both');
    if (!Number.isInteger(value.at) || (value.at as number) < 0) fail(`when.at: expected a whole number of ms ≥ 0, got ${JSON.stringify(value.at)}`);
    return { at: value.at as number };
  }
  if (!('after' in value) || Object.keys(value).length !== 1) return fail('when: expected exactly one of "at" or "after"');
  const after = value.after;
  if (!isObject(after)) return fail(`when.after: expected an object, got ${kindOf(after)}`);
  const allowed = ['endpoint', 'event', 'flags', 'to', 'timer', 'action', 'nth'];
  for (const key of Object.keys(after)) if (!allowed.includes(key)) fail(`when.after.${key}: unknown field (expected ${allowed.join(', ')})`);
  const event = after.event as TraceEventType;
  if (!EVENT_TYPES.includes(event)) fail(`when.after.event: expected one of ${EVENT_TYPES.join(', ')}, got ${JSON.stringify(after.event)}`);
  const match: EventMatch = { event, nth: 1 };
  if (after.endpoint !== undefined) {
    if (typeof after.endpoint !== 'string') fail('when.after.endpoint: expected an endpoint name');
    match.endpoint = after.endpoint as string;
  }
  if (after.flags !== undefined) {
    if (!['send', 'receive', 'drop'].includes(event)) fail(`when.after.flags: only send, receive and drop events have flags, not ${event}`);
    match.flags = parseFlags(after.flags, 'when.after.flags', fail);
  }
  if (after.to !== undefined) {
    if (event !== 'state') fail('when.after.to: only state events have "to"');
    if (!STATES.includes(after.to as State)) fail(`when.after.to: unknown state ${JSON.stringify(after.to)} (expected one of ${STATES.join(', ')})`);
    match.to = after.to as State;
  }
  if (after.timer !== undefined) {
    if (event !== 'timer') fail('when.after.timer: only timer events have "timer"');
    if (!TIMERS.includes(after.timer as TimerName)) fail(`when.after.timer: expected one of ${TIMERS.join(', ')}, got ${JSON.stringify(after.timer)}`);
    match.timer = after.timer as TimerName;
  }
  if (after.action !== undefined) {
    if (event !== 'timer') fail('when.after.action: only timer events have "action"');
    if (!['start', 'stop', 'fire'].includes(after.action as string)) fail(`when.after.action: expected start, stop or fire, got ${JSON.stringify(after.action)}`);
    match.action = after.action as EventMatch['action'];
  }
  if (after.nth !== undefined) {
    if (!Number.isInteger(after.nth) || (after.nth as number) < 1) fail(`when.after.nth: expected a whole number ≥ 1, got ${JSON.stringify(after.nth)}`);
    match.nth = after.nth as number;
  }
  return { after: match };
}

/** "SYN,ACK" → ['SYN','ACK'], checked against the four flags we model. */
export function parseFlags(value: unknown, path: string, fail: (fault: string) => never): Flag[] {
  if (typeof value !== 'string' || !value.trim()) return fail(`${path}: expected flags written like "SYN,ACK", got ${kindOf(value)}`);
  const flags = value.split(',').map((flag) => flag.trim().toUpperCase());
  for (const flag of flags) {
    if (!FLAGS.includes(flag as Flag)) fail(`${path}: "${flag}" is not a flag (expected ${FLAGS.join(', ')}, comma-separated)`);
  }
  if (new Set(flags).size !== flags.length) fail(`${path}: a flag is repeated in "${value}"`);
  return flags as Flag[];
}

function parseChoices(value: unknown, ask: QuizAsk, fail: (fault: string) => never): string[] {
  if (value === undefined) {
    if (ask === 'next-flags') return fail('choices: a next-flags question needs its choices, e.g. ["SYN", "SYN,ACK", "ACK", "RST"]');
    return [...STATES];
  }
  if (!Array.isArray(value) || value.length < 2) return fail(`choices: expected at least two choices, got ${kindOf(value)}`);
  const choices = value.map((choice, index) => {
    if (typeof choice !== 'string' || !choice.trim()) return fail(`choices[${index}]: expected a non-empty string, got ${kindOf(choice)}`);
    if (ask === 'next-flags') {
      return choice.trim().toLowerCase() === 'nothing' ? 'nothing' : formatFlags(parseFlags(choice, `choices[${index}]`, fail));
    }
    if (!STATES.includes(choice as State)) fail(`choices[${index}]: unknown state "${choice}" (expected one of ${STATES.join(', ')})`);
    return choice;
  });
  if (new Set(choices).size !== choices.length) fail('choices: the same choice is listed twice');
  return choices;
}

function rejectUnknown(object: Record<string, unknown>, allowed: string[], file: string, id: string | null, prefix: string): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) throw new QuizError(file, id, `${prefix}${key}: unknown field (expected ${allowed.join(', ')})`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
