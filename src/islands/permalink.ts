import { problem, type Problem } from './problem';
import { CALLS, type Call } from '../machine/types';
import type { Edit } from './edits';

/**
 * The simulator's whole setup as URL parameters, so "look at step 7 here" can be shared and an author can link to
 * a moment: `?scenario=lost-final-ack&step=12&edits=client.close@150~server.drop3`.
 *
 * An edit is `<endpoint>.<action>` joined by `~`; the action is `<call>@<ms>` (`send<bytes>@<ms>` for send) or
 * `drop<n>` (lose the n-th segment that endpoint sends). Everything is readable and typeable by hand.
 */
export interface Setup {
  scenario: string;
  edits: Edit[];
  step: number;
}

export interface DecodedSetup {
  /** What the URL asks for; parts that were unreadable are left out (and reported in `problems`). */
  scenario: string | null;
  edits: Edit[];
  step: number | null;
  problems: Problem[];
}

export function encodeEdits(edits: readonly Edit[]): string {
  return edits
    .map((edit) => {
      if (edit.kind === 'drop') return `${edit.from}.drop${edit.nth}`;
      const action = edit.call === 'send' ? `send${edit.bytes ?? 100}` : edit.call;
      return `${edit.endpoint}.${action}@${edit.at}`;
    })
    .join('~');
}

/**
 * The query string of a setup, without the "?". Written by hand rather than by URLSearchParams so that the `@`
 * and `~` of the edits stay readable (both are allowed in a query, RFC 3986 §3.4).
 */
export function setupQuery(setup: Setup): string {
  const query = `scenario=${encodeURIComponent(setup.scenario)}&step=${setup.step}`;
  if (setup.edits.length === 0) return query;
  const edits = encodeEdits(setup.edits)
    .split('~')
    .map((edit) => encodeURIComponent(edit).replace(/%40/g, '@'))
    .join('~');
  return `${query}&edits=${edits}`;
}

const EDIT_ACTION = /^(?:(?<call>listen|connect|close|abort|crash)@(?<at>\d+)|send(?<bytes>\d+)@(?<sendAt>\d+)|drop(?<nth>\d+))$/;

/** Reads the setup from URL parameters; never throws: whatever is unreadable becomes a problem in words. */
export function decodeSetup(params: URLSearchParams): DecodedSetup {
  const problems: Problem[] = [];
  const scenario = params.get('scenario');
  let step: number | null = null;
  const rawStep = params.get('step');
  if (rawStep !== null) {
    if (/^\d+$/.test(rawStep.trim())) step = Number(rawStep.trim());
    else problems.push(problem('stepNotNumber', { step: rawStep }, `Step "${rawStep}" is not a whole number; starting at step 0.`));
  }
  const edits: Edit[] = [];
  const rawEdits = params.get('edits');
  if (rawEdits) {
    for (const token of rawEdits.split('~').filter(Boolean)) {
      const edit = decodeEdit(token);
      if ('code' in edit) problems.push(edit);
      else edits.push(edit);
    }
  }
  return { scenario: scenario === null || scenario.trim() === '' ? null : scenario.trim(), edits, step, problems };
}

function decodeEdit(token: string): Edit | Problem {
  const dot = token.lastIndexOf('.');
  const endpoint = dot > 0 ? token.slice(0, dot) : '';
  const match = EDIT_ACTION.exec(token.slice(dot + 1));
  if (!endpoint || !match?.groups) {
    return problem('editNotUnderstood', { edit: token }, `Edit "${token}" is not understood (expected e.g. client.close@150, client.send100@300 or server.drop3); ignored.`);
  }
  const { call, at, bytes, sendAt, nth } = match.groups;
  if (nth !== undefined) {
    if (Number(nth) < 1) return problem('dropCountedFromOne', { edit: token }, `Edit "${token}": segments are counted from 1; ignored.`);
    return { kind: 'drop', from: endpoint, nth: Number(nth) };
  }
  if (bytes !== undefined) return { kind: 'call', endpoint, call: 'send', bytes: Number(bytes), at: Number(sendAt) };
  if (!CALLS.includes(call as Call)) return problem('unknownCall', { edit: token }, `Edit "${token}": unknown call; ignored.`);
  return { kind: 'call', endpoint, call: call as Call, at: Number(at) };
}
