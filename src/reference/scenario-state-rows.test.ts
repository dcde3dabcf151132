import { describe, expect, it } from 'vitest';
import { loadScenario } from '../simulator/scenario-files';
import { simulate } from '../simulator/simulate';
import { scenarioStateRows, type StateRowOptions } from './scenario-state-rows';

const rowsOf = (name: string, options?: StateRowOptions) => {
  const scenario = loadScenario(name);
  return scenarioStateRows(simulate(scenario), Object.keys(scenario.endpoints) as [string, string], options);
};
const states = (after: Record<string, { state: string }>) => Object.values(after).map((a) => a.state);

describe('the handshake, segment by segment (RFC 9293 Figure 6)', () => {
  const table = rowsOf('normal-open-close', { from: 1, to: 3, symbols: ['x', 'y'] });

  it('starts with the client CLOSED and the server in LISTEN after its passive OPEN', () => {
    expect(table.before).toEqual({ client: 'CLOSED', server: 'LISTEN' });
  });

  it('writes the segments as Figure 6 does: SYN seq=x; SYN,ACK seq=y ack=x+1; ACK seq=x+1 ack=y+1', () => {
    expect(table.rows.map((r) => [r.sender, r.flags, r.seq, r.ack])).toEqual([
      ['client', 'SYN', 'x', null],
      ['server', 'SYN,ACK', 'y', 'x+1'],
      ['client', 'ACK', 'x+1', 'y+1'],
    ]);
    expect(table.symbolValues).toEqual({ x: 1000, y: 5000 });
  });

  it('the client enters SYN-SENT on sending, the server SYN-RECEIVED on receiving, and the client is ESTABLISHED one segment before the server', () => {
    expect(table.rows.map((r) => states(r.after))).toEqual([
      ['SYN-SENT', 'SYN-RECEIVED'],
      ['ESTABLISHED', 'SYN-RECEIVED'],
      ['ESTABLISHED', 'ESTABLISHED'],
    ]);
    expect(table.rows[0]!.after.client!.changed).toBe('sending');
    expect(table.rows[0]!.after.server!.changed).toBe('receiving');
    expect(table.rows[1]!.after.server!.changed).toBeNull();
  });

  it('has no "then" row when the range stops before the run\'s last segment', () => {
    expect(table.then).toBeNull();
  });
});

describe('the teardown, segment by segment (RFC 9293 Figure 12)', () => {
  const table = rowsOf('normal-open-close', { from: 4, symbols: ['u', 'w'] });

  it('the client sends the first FIN, so it is the active closer', () => {
    expect(table.activeCloser).toBe('client');
  });

  it('the passive closer enters CLOSE-WAIT on the FIN and LAST-ACK on sending its own; the active closer passes FIN-WAIT-1, FIN-WAIT-2, TIME-WAIT', () => {
    expect(table.before).toEqual({ client: 'ESTABLISHED', server: 'ESTABLISHED' });
    expect(table.rows.map((r) => states(r.after))).toEqual([
      ['FIN-WAIT-1', 'CLOSE-WAIT'],
      ['FIN-WAIT-2', 'CLOSE-WAIT'],
      ['TIME-WAIT', 'LAST-ACK'],
      ['TIME-WAIT', 'CLOSED'],
    ]);
    expect(table.rows[2]!.after.server!.changed).toBe('sending');
    expect(table.rows[2]!.after.client!.changed).toBe('receiving');
  });

  it('numbers relative to each side\'s first sequence number in the range: FIN seq=u, its ACK ack=u+1, the last ACK ack=w+1', () => {
    expect(table.rows.map((r) => [r.flags, r.seq, r.ack])).toEqual([
      ['FIN,ACK', 'u', 'w'],
      ['ACK', 'w', 'u+1'],
      ['FIN,ACK', 'w', 'u+1'],
      ['ACK', 'u+1', 'w+1'],
    ]);
  });

  it('ends with a "then" row: the active closer leaves TIME-WAIT on the 2MSL timeout (§3.10.8)', () => {
    expect(table.then?.causes).toEqual(['timeout 2MSL']);
    expect(table.then?.transitions).toEqual(['time-wait-timeout']);
    expect(table.then?.after.client).toEqual({ state: 'CLOSED', changed: 'other' });
    expect(table.then?.after.server).toEqual({ state: 'CLOSED', changed: null });
  });
});

describe('other runs', () => {
  it('a lost segment is marked lost and changes nobody\'s state (lost-syn)', () => {
    const table = rowsOf('lost-syn', { from: 1, to: 2 });
    expect(table.rows[0]!.lost).toBe(true);
    expect(table.rows[0]!.seq).toBe(table.rows[1]!.seq);
    expect(states(table.rows[0]!.after)).toEqual(['SYN-SENT', 'LISTEN']);
  });

  it('without symbols, sequence numbers are the run\'s own', () => {
    expect(rowsOf('normal-open-close', { to: 1 }).rows[0]!.seq).toBe('1000');
  });

  it('in a simultaneous close both ends pass through CLOSING to TIME-WAIT (Figure 13)', () => {
    const table = rowsOf('simultaneous-close', { from: 4 });
    expect(table.rows.some((r) => r.after.A!.state === 'CLOSING')).toBe(true);
    expect(table.rows.some((r) => r.after.B!.state === 'CLOSING')).toBe(true);
    expect(states(table.rows.at(-1)!.after)).toEqual(['TIME-WAIT', 'TIME-WAIT']);
  });

  it('refuses a range outside the run, naming it', () => {
    expect(() => rowsOf('normal-open-close', { from: 5, to: 9 })).toThrow('segment range 5–9 is outside the run\'s segments 1–7');
    expect(() => rowsOf('normal-open-close', { from: 3, to: 2 })).toThrow(/segment range 3–2/);
  });
});
