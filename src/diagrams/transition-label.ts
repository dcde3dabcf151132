/**
 * How a transition is written on a state diagram: "event / action", the notation of RFC 9293
 * Figure 5 ("rcv SYN / snd SYN,ACK"). The action names what goes on the wire and the 2MSL
 * timer; the full record (guard, exact segment, every timer) is in the reference table.
 */
import type { Transition } from '../machine/types';
import type { Locale } from '../i18n/locales';
import { localTransition } from '../i18n/transition-text';

/** The verbs of an action label; what is sent stays in RFC notation ("snd SYN,ACK" → "发送 SYN,ACK"). */
interface ActionWords {
  send: string;
  retransmit: string;
  challenge: string;
  data: string;
  start2Msl: string;
  restart2Msl: string;
}

const ACTION_WORDS: Record<Locale, ActionWords> = {
  en: { send: 'snd', retransmit: 'retransmit', challenge: 'challenge', data: 'data', start2Msl: 'start 2MSL', restart2Msl: 'restart 2MSL' },
  'zh-cn': { send: '发送', retransmit: '重传', challenge: '挑战', data: '数据', start2Msl: '启动 2MSL', restart2Msl: '重启 2MSL' },
};

export function transitionLabel(transition: Transition, withGuard = false, locale: Locale = 'en'): string {
  return `${transitionEvent(transition, withGuard, locale)} / ${transitionAction(transition, locale)}`;
}

/** The event (and guard) in the page's language: English is the machine's own text, others come from src/i18n/transitions.<locale>.ts. */
export function transitionEvent(transition: Transition, withGuard = false, locale: Locale = 'en'): string {
  const local = localTransition(locale, transition);
  return withGuard && local.guard ? `${local.event} [${local.guard}]` : local.event;
}

/** Summarised from the English record's RFC notation, so every language names the same segments. */
export function transitionAction(transition: Transition, locale: Locale = 'en'): string {
  const words = ACTION_WORDS[locale];
  const parts = [sentSummary(transition.sends, words), ...timeWaitTimer(transition.timers, words)].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : '—';
}

/** "<SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>" → "snd SYN,ACK"; alternatives ("RST if ACK is set, else RST,ACK") → "snd RST | RST,ACK". */
function sentSummary(sends: string, words: ActionWords): string {
  if (sends.trim() === '') return '';
  if (/retransmission queue/i.test(sends)) return words.retransmit;
  const controls = [...new Set([...sends.matchAll(/CTL=([A-Z,]+)/g)].map((match) => match[1]))];
  if (controls.length === 0) return `${words.send} ${sends}`;
  const what = controls.join(' | ');
  if (/challenge ACK/i.test(sends)) return `${words.send} ${words.challenge} ${what}`;
  if (/\+\s*data/i.test(sends)) return `${words.send} ${words.data} (${what})`;
  return `${words.send} ${what}`;
}

/** Only the 2MSL timer is worth drawing: it is what makes TIME-WAIT what it is (§3.10.7.4). */
function timeWaitTimer(timers: readonly string[], words: ActionWords): string[] {
  return timers
    .filter((timer) => /^(start|restart) timeWait/.test(timer))
    .map((timer) => (timer.startsWith('restart') ? words.restart2Msl : words.start2Msl));
}
