import type { MessageParams } from '../i18n/format';

/** The part of a simulator request that could not be used, each with the catalogue key `problem.<code>`. */
export type ProblemCode =
  | 'unknownScenario'
  | 'unreadableScenario'
  | 'unknownEndpoint'
  | 'editsFailed'
  | 'stepPastEnd'
  | 'stepNotNumber'
  | 'editNotUnderstood'
  | 'dropCountedFromOne'
  | 'unknownCall';

/**
 * Why part of a request was set aside: `code` and `params` let a page say it in its language (catalogue key
 * `problem.<code>`); `message` says it in English for tests and logs, and equals the English catalogue's text
 * (src/i18n/catalogues.test.ts checks).
 */
export interface Problem {
  code: ProblemCode;
  params: MessageParams;
  message: string;
}

export function problem(code: ProblemCode, params: MessageParams, message: string): Problem {
  return { code, params, message };
}
