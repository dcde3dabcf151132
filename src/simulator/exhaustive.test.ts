import { describe, expect, it } from 'vitest';
import { exhaustiveCheck, exploreStart, STARTS, type Start } from './exhaustive';

describe('exhaustive check of the two-endpoint system', () => {
  it('from every start, with any one segment dropped, duplicated or delayed past the next, both endpoints end CLOSED (or ESTABLISHED/ESTABLISHED where no close was asked), never stuck', () => {
    const report = exhaustiveCheck({ faults: 1 });
    console.log(`exhaustive check, one fault per path: ${report.states} system states explored, ${report.terminal} terminal, ${report.milliseconds.toFixed(0)} ms`);
    expect(report.failures).toEqual([]);
    expect(report.starts.map((s) => s.start)).toEqual(STARTS.map((s) => s.name));
    for (const start of report.starts) expect(start.terminal, start.start).toBeGreaterThan(0);
  });

  it('still holds with two faults on the same path', () => {
    const report = exhaustiveCheck({ faults: 2 });
    console.log(`exhaustive check, two faults per path: ${report.states} system states explored`);
    expect(report.failures).toEqual([]);
  });

  it('explores strictly more system states as the fault budget grows (the faults are really injected)', () => {
    const start = STARTS[0]!;
    const counts = [0, 1, 2].map((faults) => exploreStart(start, faults).states);
    expect(counts[1]).toBeGreaterThan(counts[0]!);
    expect(counts[2]).toBeGreaterThan(counts[1]!);
  });

  it('reports a start whose endpoints end elsewhere: a peer that never closes leaves FIN-WAIT-2/CLOSE-WAIT forever (the RFC has no FIN-WAIT-2 timeout)', () => {
    const base = STARTS.find((s) => s.name === 'listen/connect, server closes first')!;
    const onlyServerCloses: Start = {
      name: 'listen/connect, only the server closes',
      expect: 'closed',
      scenario: { ...base.scenario, steps: base.scenario.steps.filter((step) => !('call' in step && step.call === 'close' && step.endpoint === 'client')) },
    };
    const report = exploreStart(onlyServerCloses, 0);
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]!.final).toEqual({ client: 'CLOSE-WAIT', server: 'FIN-WAIT-2' });
  });
});
