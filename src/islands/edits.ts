import type { Call } from '../machine/types';
import type { Scenario } from '../simulator/scenario';

/**
 * What a reader changed in a scenario from the simulator's buttons. Edits are data appended to the scenario,
 * which is then simulated again from the start: the simulator is deterministic and fast, so the whole session is
 * "scenario name + edits + step" and fits in a URL.
 */
export type Edit =
  /** A user call made by `endpoint` at virtual time `at` (ms); `bytes` for send. */
  | { kind: 'call'; endpoint: string; call: Call; at: number; bytes?: number }
  /** The network loses the `nth` segment (counting from 1, retransmissions included) that `from` sends. */
  | { kind: 'drop'; from: string; nth: number };

/** The scenario with the edits applied. The original is left untouched. */
export function applyEdits(scenario: Scenario, edits: readonly Edit[]): Scenario {
  if (edits.length === 0) return scenario;
  const steps = [...scenario.steps];
  const drop = [...(scenario.network?.drop ?? [])];
  for (const edit of edits) {
    if (edit.kind === 'drop') {
      drop.push({ from: edit.from, nth: edit.nth });
      continue;
    }
    const step = { at: edit.at, endpoint: edit.endpoint, call: edit.call, ...(edit.call === 'send' ? { bytes: edit.bytes ?? 100 } : {}) };
    // After every step already planned for the same moment: steps that share a time run in the order listed.
    const insertAt = steps.findIndex((planned) => planned.at > edit.at);
    steps.splice(insertAt === -1 ? steps.length : insertAt, 0, step as Scenario['steps'][number]);
  }
  const edited: Scenario = { ...scenario, steps, network: { ...scenario.network, drop } as Scenario['network'] };
  // A scenario's `until` ends the story its author told; a reader who adds calls writes a new ending, so run
  // until nothing is left to happen (every timer has fired or stopped).
  if (edits.some((edit) => edit.kind === 'call')) delete (edited as { until?: number }).until;
  return edited;
}
