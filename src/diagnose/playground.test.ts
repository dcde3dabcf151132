import { describe, expect, test } from 'vitest';
import '../islands/scenarios';
import { decodeSetup } from '../islands/permalink';
import { endpointViews, openSession } from '../islands/session';
import { RULES } from './rules';

/** Each finding's playground link reproduces its state: at that step, one endpoint is in the rule's state. */
describe('the playground permalink of every finding reproduces the state', () => {
  for (const rule of RULES) {
    if (!rule.playground) continue;
    test(`${rule.code}: ${rule.playground.scenario} step ${rule.playground.step}`, () => {
      const setup = decodeSetup(new URLSearchParams(`scenario=${rule.playground!.scenario}&step=${rule.playground!.step}`));
      const session = openSession(setup);
      expect(session.problems).toEqual([]);
      const views = endpointViews(session);
      const state = rule.state === 'LISTEN' ? 'SYN-RECEIVED' : rule.state; // a full accept queue drops the final ACK: SYN-RECEIVED stays
      expect(views.map((view) => view.state)).toContain(state);
      if (rule.code === 'retransmitting' || rule.code === 'last-ack-stuck' || rule.code === 'syn-sent-unanswered') {
        expect(views.flatMap((view) => view.timers.map((timer) => timer.name))).toContain('retransmission');
      }
    });
  }
});
