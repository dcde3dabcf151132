import { describe, expect, it } from 'vitest';
import { loadScenario } from '../simulator/scenario-files';
import { simulate } from '../simulator/simulate';
import { sharedPath, statePath } from './state-paths';

const run = (name: string) => simulate(loadScenario(name));

describe('who passes through which states, from runs of the machine', () => {
  const normal = run('normal-open-close');

  it('the active opener goes CLOSED → SYN-SENT → ESTABLISHED, the passive opener through LISTEN and SYN-RECEIVED (Figure 6)', () => {
    expect(statePath(normal, 'client', 'open')).toEqual(['CLOSED', 'SYN-SENT', 'ESTABLISHED']);
    expect(statePath(normal, 'server', 'open')).toEqual(['CLOSED', 'LISTEN', 'SYN-RECEIVED', 'ESTABLISHED']);
  });

  it('the active closer pays TIME-WAIT; the passive closer goes through CLOSE-WAIT and LAST-ACK (Figure 12)', () => {
    expect(statePath(normal, 'client', 'close')).toEqual(['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'CLOSED']);
    expect(statePath(normal, 'server', 'close')).toEqual(['ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
  });

  it('in a simultaneous open both sides go through SYN-SENT and SYN-RECEIVED (Figure 7)', () => {
    const trace = run('simultaneous-open');
    const names = Object.keys(trace.final) as [string, string];
    expect(sharedPath(trace, names, 'open')).toEqual(['CLOSED', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED']);
  });

  it('in a simultaneous close both sides go through CLOSING and TIME-WAIT (Figure 13)', () => {
    const trace = run('simultaneous-close');
    expect(sharedPath(trace, ['A', 'B'], 'close')).toEqual(['ESTABLISHED', 'FIN-WAIT-1', 'CLOSING', 'TIME-WAIT', 'CLOSED']);
  });

  it('says so when the two sides differ, or when an endpoint or phase is not in the run', () => {
    expect(() => sharedPath(normal, ['client', 'server'], 'open')).toThrow(/different paths: client CLOSED → SYN-SENT → ESTABLISHED; server CLOSED → LISTEN/);
    expect(() => statePath(normal, 'nobody')).toThrow('no endpoint "nobody" in this run');
    expect(() => statePath(run('connection-refused'), 'client', 'close')).toThrow(/never reaches ESTABLISHED/);
  });
});
