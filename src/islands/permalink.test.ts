import { describe, expect, it } from 'vitest';
import { decodeSetup, setupQuery } from './permalink';

describe('permalinks', () => {
  it('round-trips a setup with a call, a send and a drop through the URL', () => {
    const setup = {
      scenario: 'lost-final-ack',
      step: 12,
      edits: [
        { kind: 'call' as const, endpoint: 'client', call: 'close' as const, at: 150 },
        { kind: 'call' as const, endpoint: 'server', call: 'send' as const, bytes: 300, at: 2000 },
        { kind: 'drop' as const, from: 'server', nth: 3 },
      ],
    };
    const query = setupQuery(setup);
    expect(query).toBe('scenario=lost-final-ack&step=12&edits=client.close@150~server.send300@2000~server.drop3');
    const decoded = decodeSetup(new URLSearchParams(query));
    expect(decoded).toEqual({ ...setup, problems: [] });
  });

  it('keeps endpoint names that contain dots (the action is after the last dot)', () => {
    const decoded = decodeSetup(new URLSearchParams('scenario=x&edits=host.a.abort@7'));
    expect(decoded.edits).toEqual([{ kind: 'call', endpoint: 'host.a', call: 'abort', at: 7 }]);
  });

  it('reports a step that is not a whole number instead of guessing', () => {
    const decoded = decodeSetup(new URLSearchParams('scenario=normal-open-close&step=seven'));
    expect(decoded.step).toBeNull();
    expect(decoded.problems.map((p) => p.message)).toEqual(['Step "seven" is not a whole number; starting at step 0.']);
  });

  it('ignores an unreadable edit, says which, and keeps the readable ones', () => {
    const decoded = decodeSetup(new URLSearchParams('edits=client.close@1~client.explode@3~server.drop0~nodot'));
    expect(decoded.edits).toEqual([{ kind: 'call', endpoint: 'client', call: 'close', at: 1 }]);
    expect(decoded.problems).toHaveLength(3);
    expect(decoded.problems[0]?.message).toContain('"client.explode@3" is not understood');
    expect(decoded.problems[1]?.message).toContain('counted from 1');
  });

  it('treats an empty URL as no request at all', () => {
    expect(decodeSetup(new URLSearchParams(''))).toEqual({ scenario: null, edits: [], step: null, problems: [] });
  });
});
