import { describe, expect, it } from 'vitest';
import { machine } from '../machine/definition';
import { localTransition } from '../i18n/transition-text';
import { isRstReception, rstReactions } from './rst-reactions';

const groupOf = (state: string) => rstReactions().find((group) => group.states.includes(state as never))!;

describe('how a receiver treats a RST, from the machine', () => {
  it('holds every "rcv RST" transition of the machine exactly once', () => {
    const ids = rstReactions().flatMap((group) => group.reactions.map((r) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
    // Grouped states share one list of reactions, so count per state.
    const perState = rstReactions().reduce((sum, group) => sum + group.states.length * group.reactions.length, 0);
    expect(perState).toBe(machine.transitions.filter(isRstReception).length);
  });

  it('CLOSED and LISTEN never act on a RST (§3.10.7.1, §3.10.7.2)', () => {
    for (const state of ['CLOSED', 'LISTEN']) {
      expect(groupOf(state).reactions.map((r) => [r.to, r.sends, r.reports])).toEqual([[null, '', null]]);
    }
  });

  it('SYN-SENT accepts only a RST that acknowledges its SYN and reports "connection reset" (§3.10.7.3)', () => {
    const accepted = groupOf('SYN-SENT').reactions.filter((r) => r.to === 'CLOSED');
    expect(accepted).toHaveLength(1);
    expect(accepted[0]!.condition).toContain('SND.UNA < SEG.ACK =< SND.NXT');
    expect(accepted[0]!.reports).toBe('connection reset');
  });

  it('SYN-RECEIVED obeys only SEG.SEQ = RCV.NXT, returning to LISTEN when it came from a passive OPEN (§3.10.7.4, RFC 5961)', () => {
    const group = groupOf('SYN-RECEIVED');
    expect(group.states).toEqual(['SYN-RECEIVED']);
    const moving = group.reactions.filter((r) => r.to !== null);
    expect(moving.map((r) => r.to).sort()).toEqual(['CLOSED', 'LISTEN']);
    for (const r of moving) expect(r.condition).toContain('SEG.SEQ = RCV.NXT');
    expect(group.reactions.some((r) => r.sends.includes('challenge ACK'))).toBe(true);
  });

  it('ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2 and CLOSE-WAIT react alike and report "connection reset"; CLOSING, LAST-ACK and TIME-WAIT close silently', () => {
    expect(groupOf('ESTABLISHED').states).toEqual(['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT']);
    expect(groupOf('ESTABLISHED').reactions.find((r) => r.to === 'CLOSED')!.reports).toBe('connection reset');
    expect(groupOf('CLOSING').states).toEqual(['CLOSING', 'LAST-ACK', 'TIME-WAIT']);
    expect(groupOf('CLOSING').reactions.find((r) => r.to === 'CLOSED')!.reports).toBeNull();
  });

  it('groups states only when their reactions are the same', () => {
    const states = (transitions: typeof machine.transitions) => rstReactions(transitions).map((g) => g.states);
    const altered = machine.transitions.map((t) => (t.id === 'last-ack-rcv-rst' ? { ...t, reports: 'a report no other state gives' } : t));
    expect(states(altered)).toContainEqual(['LAST-ACK']);
    expect(states(altered)).toContainEqual(['CLOSING', 'TIME-WAIT']);
  });

  it('a Chinese page gets the same groups, in Chinese words (src/i18n/transitions.zh-cn.ts)', () => {
    const chinese = rstReactions(machine.transitions, (transition) => localTransition('zh-cn', transition));
    expect(chinese.map((group) => group.states)).toEqual(rstReactions().map((group) => group.states));
    expect(chinese.find((group) => group.states.includes('SYN-SENT'))!.reactions[0]!.condition).toMatch(/\p{Script=Han}/u);
  });
});
