import { describe, expect, it } from 'vitest';
import { machine } from '../machine/definition';
import { localTransition } from '../i18n/transition-text';
import { transitionsNotInFigure5 } from './not-in-figure-5';

const { stateChanges, selfLoops } = transitionsNotInFigure5();
const item = (from: string, to: string) => stateChanges.filter((group) => group.from.includes(from as never) && group.to === to);

describe('the transitions Figure 5 leaves out, from the records marked notInFigure5 (§3.3.2)', () => {
  it('lists every marked record exactly once, and no record Figure 5 draws', () => {
    const listed = [...stateChanges, ...selfLoops].flatMap((group) => group.ids);
    const marked = machine.transitions.filter((t) => t.notInFigure5).map((t) => t.id);
    expect([...listed].sort()).toEqual([...marked].sort());
  });

  it('puts state changes in the first list and self-loops in the second', () => {
    for (const group of stateChanges) for (const from of group.from) expect(from).not.toBe(group.to);
    for (const group of selfLoops) for (const id of group.ids) expect(machine.transitions.find((t) => t.id === id)!.to).toBe(machine.transitions.find((t) => t.id === id)!.from);
  });

  it('includes Note 2\'s FIN-WAIT-1 → TIME-WAIT, SYN-RECEIVED → CLOSE-WAIT and SYN-SENT → CLOSE-WAIT (§3.10.7.3, §3.10.7.4)', () => {
    expect(item('FIN-WAIT-1', 'TIME-WAIT')).toHaveLength(1);
    expect(item('SYN-RECEIVED', 'CLOSE-WAIT')).toHaveLength(1);
    expect(item('SYN-SENT', 'CLOSE-WAIT')[0]!.rfc).toEqual(['3.10.7.3']);
  });

  it('makes one item of the exact RST into CLOSED from ESTABLISHED through TIME-WAIT (Note 3)', () => {
    const rst = stateChanges.find((group) => group.event === 'rcv RST' && group.guard === 'SEG.SEQ = RCV.NXT')!;
    expect(rst.from).toEqual(['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT']);
    // TIME-WAIT's note (RFC 1337) differs from the others': the group says none rather than one that is wrong for some.
    expect(rst.note).toBeNull();
  });

  it('keeps ABORTs that send a RST apart from those that do not (§3.10.5)', () => {
    const aborts = stateChanges.filter((group) => group.event === 'ABORT');
    expect(aborts.map((group) => [group.sends, group.from])).toEqual([
      ['', ['LISTEN', 'SYN-SENT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT']],
      ['<SEQ=SND.NXT><CTL=RST>', ['SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT']],
    ]);
  });

  it('lists the R2 give-up (§3.8.3) as a state change, since the machine models it', () => {
    expect(stateChanges.filter((group) => group.kind === 'timer').flatMap((group) => group.rfc)).toEqual(['3.8.3', '3.8.3']);
  });

  it('the TIME-WAIT self-loop on a retransmitted FIN is in the second list', () => {
    expect(selfLoops.some((group) => group.ids.includes('time-wait-rcv-fin'))).toBe(true);
  });

  it('a Chinese page lists the same items in Chinese words', () => {
    const chinese = transitionsNotInFigure5(machine.transitions, (t) => localTransition('zh-cn', t));
    expect(chinese.stateChanges.map((group) => group.ids)).toEqual(stateChanges.map((group) => group.ids));
    expect(chinese.stateChanges[0]!.event).toMatch(/\p{Script=Han}/u);
  });
});
