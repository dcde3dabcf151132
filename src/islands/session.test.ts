import { describe, expect, it } from 'vitest';
import { decodeSetup } from './permalink';
import {
  atStep,
  availableCalls,
  endpointViews,
  eventsOfStep,
  openSession,
  stepCount,
  timeAtStep,
  withCall,
  withDropOfNext,
} from './session';
import { scenarioNames } from './scenarios';

const open = (query: string) => openSession(decodeSetup(new URLSearchParams(query)));

describe('a simulator session', () => {
  it('finds every scenario file of content/scenarios', () => {
    expect(scenarioNames()).toContain('normal-open-close');
    expect(scenarioNames()).toContain('lost-final-ack');
    expect(scenarioNames()[0]).toBe('normal-open-close');
  });

  it('runs the normal open and close to CLOSED on both sides', () => {
    const session = open('scenario=normal-open-close');
    const end = atStep(session, stepCount(session));
    expect(endpointViews(end).map((view) => view.state)).toEqual(['CLOSED', 'CLOSED']);
    expect(end.trace.final).toEqual({ client: 'CLOSED', server: 'CLOSED' });
  });

  it('makes one step of one endpoint reaction: the server answers a SYN and enters SYN-RECEIVED in one step', () => {
    const session = open('scenario=normal-open-close');
    const step = Array.from({ length: stepCount(session) }, (_, index) => index + 1).find((candidate) =>
      eventsOfStep(session, candidate).some((event) => event.type === 'receive' && event.endpoint === 'server'),
    )!;
    const kinds = eventsOfStep(session, step).map((event) => event.type);
    expect(kinds[0]).toBe('receive');
    expect(kinds).toContain('send');
    expect(kinds).toContain('state');
    expect(endpointViews(session, step)[1]).toMatchObject({ state: 'SYN-RECEIVED', numbers: { iss: 5000, rcvNxt: 1001, sndNxt: 5001 } });
  });

  it('shows the running timers with their deadlines in virtual time', () => {
    const session = open('scenario=lost-final-ack');
    const timeWait = Array.from({ length: stepCount(session) }, (_, index) => index + 1).find(
      (step) => endpointViews(session, step)[0].state === 'TIME-WAIT',
    )!;
    const client = endpointViews(session, timeWait)[0];
    expect(client.timers).toEqual([{ name: 'timeWait', startedAt: timeAtStep(session, timeWait), deadline: timeAtStep(session, timeWait) + 10_000 }]);
  });

  it('answers an unknown scenario with a clear message and the default scenario, never nothing', () => {
    const session = open('scenario=foo&step=3');
    expect(session.problems.map((p) => p.message)).toEqual(['Unknown scenario "foo"; showing normal-open-close.']);
    expect(session.setup).toMatchObject({ scenario: 'normal-open-close', step: 3 });
  });

  it('clamps a step past the end and says so', () => {
    const session = open('scenario=normal-open-close&step=999');
    expect(session.setup.step).toBe(stepCount(session));
    expect(session.problems[0]?.message).toMatch(/^Step 999 is past the end of normal-open-close \(\d+ steps\); showing the last step\.$/);
  });

  it('ignores an edit for an endpoint the scenario does not have', () => {
    const session = open('scenario=normal-open-close&edits=mallory.abort@5');
    expect(session.setup.edits).toEqual([]);
    expect(session.problems[0]?.message).toContain('endpoint "mallory"');
  });

  it('offers the calls the machine allows: listen/connect while CLOSED, then abort (and crash) in TIME-WAIT', () => {
    const session = open('scenario=lost-final-ack');
    expect(availableCalls(session, 'client')).toEqual(['listen', 'connect']);
    const timeWait = Array.from({ length: stepCount(session) }, (_, index) => index + 1).find(
      (step) => endpointViews(session, step)[0].state === 'TIME-WAIT',
    )!;
    expect(availableCalls(atStep(session, timeWait), 'client')).toEqual(['abort', 'crash']);
  });

  it('applies a reader\'s abort at the current moment without changing what was already shown', () => {
    const session = open('scenario=normal-open-close');
    const established = Array.from({ length: stepCount(session) }, (_, index) => index + 1).find((step) =>
      endpointViews(session, step).every((view) => view.state === 'ESTABLISHED'),
    )!;
    const before = atStep(session, established);
    const after = withCall(before, 'client', 'abort');
    const [edit] = after.setup.edits;
    // At the same moment or, when a call then would have jumped ahead of something already shown, 1 ms later.
    expect(edit).toMatchObject({ kind: 'call', endpoint: 'client', call: 'abort' });
    expect([timeAtStep(before), timeAtStep(before) + 1]).toContain(edit!.kind === 'call' && edit!.at);
    const shown = before.ends[established - 1]!;
    expect(after.trace.events.slice(0, shown)).toEqual(before.trace.events.slice(0, shown));
    expect(endpointViews(after)[0].state).toBe('CLOSED');
    expect(after.trace.final).toEqual({ client: 'CLOSED', server: 'CLOSED' });
    expect(after.trace.events.some((event) => event.type === 'receive' && event.endpoint === 'server' && event.segment.flags.includes('RST'))).toBe(true);
  });

  it('loses the next segment on request: the client\'s final ACK, so the server retransmits its FIN into TIME-WAIT', () => {
    const session = open('scenario=normal-open-close');
    const finWait2 = Array.from({ length: stepCount(session) }, (_, index) => index + 1).find(
      (step) => endpointViews(session, step)[0].state === 'FIN-WAIT-2',
    )!;
    const edited = withDropOfNext(atStep(session, finWait2), 'client');
    expect(edited.setup.edits).toEqual([{ kind: 'drop', from: 'client', nth: 4 }]);
    expect(edited.setup.step).toBe(finWait2);
    const serverFins = edited.trace.events.filter((event) => event.type === 'send' && event.endpoint === 'server' && event.segment.flags.includes('FIN'));
    expect(serverFins).toHaveLength(2);
    expect(edited.trace.events.some((event) => event.type === 'drop' && event.endpoint === 'client')).toBe(true);
    expect(edited.trace.events.some((event) => event.transition === 'time-wait-rcv-fin')).toBe(true);
  });

  it('round-trips through a permalink to the same step and the same trace', () => {
    const edited = withCall(atStep(open('scenario=half-close'), 4), 'server', 'send', 300);
    const query = new URLSearchParams({ scenario: edited.setup.scenario, step: String(edited.setup.step) });
    query.set('edits', edited.setup.edits.map((edit) => (edit.kind === 'call' ? `${edit.endpoint}.send${edit.bytes}@${edit.at}` : '')).join('~'));
    const reopened = open(query.toString());
    expect(reopened.setup).toEqual(edited.setup);
    expect(reopened.trace).toEqual(edited.trace);
  });
});
