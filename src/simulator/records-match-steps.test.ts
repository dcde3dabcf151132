/**
 * Every step of every scenario, and of random scenarios, does what the record it takes says: the segments sent fit
 * the record's segment templates, the timers its timer actions, the errors and signals its report
 * (src/machine/conformance.ts). Random one-endpoint runs are checked the same way in src/machine/properties.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordMismatches } from '../machine/conformance';
import { FLAGS } from '../machine/types';
import { parseScenario } from './scenario';
import { loadScenario, scenarioNames } from './scenario-files';
import { simulate, type SimulateOptions } from './simulate';

function checked(): { options: SimulateOptions; problems: string[]; steps: () => number } {
  const problems: string[] = [];
  let steps = 0;
  return {
    problems,
    steps: () => steps,
    options: {
      onStep: (endpoint, before, input, result) => {
        steps += 1;
        for (const problem of recordMismatches(before, input, result)) problems.push(`${endpoint} in ${before.state} on ${JSON.stringify(input)}: ${problem}`);
      },
    },
  };
}

describe('every step takes a record that says what the step did', () => {
  for (const name of scenarioNames()) {
    it(`scenario ${name}`, () => {
      const check = checked();
      simulate(loadScenario(name), check.options);
      expect(check.steps()).toBeGreaterThan(0);
      expect(check.problems).toEqual([]);
    });
  }

  it('random scenarios: calls, forged segments and a lossy wire', () => {
    const side = fc.constantFrom('a', 'b');
    const stepArb = fc.oneof(
      fc.record({ at: fc.integer({ min: 0, max: 60_000 }), endpoint: side, call: fc.constantFrom('listen', 'connect', 'send', 'close', 'abort', 'crash'), bytes: fc.integer({ min: 1, max: 4000 }) }),
      fc.record({
        at: fc.integer({ min: 0, max: 60_000 }),
        inject: fc.record({
          to: side,
          flags: fc.subarray([...FLAGS]),
          seq: fc.constantFrom(0, 999, 1000, 1001, 1002, 1101, 4999, 5000, 5001, 5002, 5101, 70_000),
          ack: fc.constantFrom(1000, 1001, 1002, 1101, 5000, 5001, 5002, 5101),
          len: fc.constantFrom(0, 0, 1, 100),
          window: fc.constantFrom(0, 100, 65_535),
        }),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(stepArb, { minLength: 1, maxLength: 12 }),
        fc.option(fc.integer({ min: 1, max: 499 }), { nil: undefined }),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom(100, 1460),
        (steps, delayedAck, drops, mss) => {
          const scenario = parseScenario({
            options: { msl: 2000, mss, window: 3000 },
            endpoints: { a: { iss: 1000 }, b: delayedAck === undefined ? { iss: 5000 } : { iss: 5000, delayedAck } },
            network: { drop: Array.from({ length: drops }, (_, i) => ({ from: i % 2 ? 'a' : 'b', nth: i + 2 })) },
            steps: steps
              .map((step) => {
                if ('inject' in step) {
                  const { ack, ...rest } = step.inject;
                  return { at: step.at, inject: step.inject.flags.includes('ACK') ? { ...rest, ack } : rest };
                }
                return step.call === 'send' ? step : { at: step.at, endpoint: step.endpoint, call: step.call };
              })
              .sort((x, y) => x.at - y.at),
            until: 400_000,
          });
          const check = checked();
          simulate(scenario, check.options);
          expect(check.problems).toEqual([]);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('the check itself', () => {
  it('reports a step whose outputs its record does not say', async () => {
    const { createEndpoint } = await import('../machine/endpoint');
    const before = createEndpoint({ iss: 1000, msl: 1000, rto: 1000, synRetries: 1, retries: 1, window: 100, mss: 100 });
    const input = { kind: 'call', call: 'send', bytes: 1 } as const;
    const lying = { tcb: before, transition: 'closed-send', outputs: [{ type: 'send' as const, segment: { flags: ['RST' as const], seq: 1, ack: null, len: 0 } }] };
    expect(recordMismatches(before, input, lying)).toEqual([
      'closed-send: sent RST seq=1 len=0, which fits none of its templates (nothing)',
      'closed-send: errors [], its report says ["notExist"]',
    ]);
  });
});
