/**
 * How a transition is written on a state diagram: "event / action", the notation of RFC 9293
 * Figure 5 ("rcv SYN / snd SYN,ACK"). The action names what goes on the wire and the 2MSL
 * timer; the full record (guard, exact segment, every timer) is in the reference table.
 */
import type { Transition } from '../machine/types';

export function transitionLabel(transition: Transition, withGuard = false): string {
  return `${transitionEvent(transition, withGuard)} / ${transitionAction(transition)}`;
}

export function transitionEvent(transition: Transition, withGuard = false): string {
  return withGuard && transition.guard ? `${transition.event} [${transition.guard}]` : transition.event;
}

export function transitionAction(transition: Transition): string {
  const parts = [sentSummary(transition.sends), ...timeWaitTimer(transition.timers)].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : '—';
}

/** "<SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>" → "snd SYN,ACK"; alternatives ("RST if ACK is set, else RST,ACK") → "snd RST | RST,ACK". */
function sentSummary(sends: string): string {
  if (sends.trim() === '') return '';
  if (/retransmission queue/i.test(sends)) return 'retransmit';
  const controls = [...new Set([...sends.matchAll(/CTL=([A-Z,]+)/g)].map((match) => match[1]))];
  if (controls.length === 0) return `snd ${sends}`;
  const what = controls.join(' | ');
  if (/challenge ACK/i.test(sends)) return `snd challenge ${what}`;
  if (/\+\s*data/i.test(sends)) return `snd data (${what})`;
  return `snd ${what}`;
}

/** Only the 2MSL timer is worth drawing: it is what makes TIME-WAIT what it is (§3.10.7.4). */
function timeWaitTimer(timers: readonly string[]): string[] {
  return timers
    .filter((timer) => /^(start|restart) timeWait/.test(timer))
    .map((timer) => (timer.startsWith('restart') ? 'restart 2MSL' : 'start 2MSL'));
}
