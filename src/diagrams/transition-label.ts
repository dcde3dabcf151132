/**
 * How a transition is written on a state diagram: "event / action", the notation of RFC 9293
 * Figure 5 ("rcv SYN / snd SYN,ACK"). The action names what goes on the wire and the 2MSL
 * timer; the full record (guard, exact segment, every timer) is in the reference table.
 */
import type { SendTemplate, TimerAction, Transition } from '../machine/types';
import { formatFlags } from '../machine/format';
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

/** Summarised from the record's segment templates and timers, so every language names the same segments. */
export function transitionAction(transition: Transition, locale: Locale = 'en'): string {
  const words = ACTION_WORDS[locale];
  // On an edge that changes state, an ACK owed only to data the segment may carry is not the edge's action
  // (Figure 5 draws "rcv ACK of SYN / x"); self-loops of data transfer keep it ("rcv ACK / data / snd ACK").
  const templates = transition.from === transition.to ? transition.sendTemplates : transition.sendTemplates.filter((template) => !('when' in template && template.when === 'data-arrived'));
  const parts = [sentSummary(templates, words), ...timeWaitTimer(transition.timerActions, words)].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : '—';
}

/** SYN,ACK template → "snd SYN,ACK"; alternatives (RST if ACK is set, else RST,ACK) → "snd RST | RST,ACK". */
function sentSummary(templates: readonly SendTemplate[], words: ActionWords): string {
  if (templates.length === 0) return '';
  if (templates.some((template) => 'retransmit' in template)) return words.retransmit;
  const segments = templates.filter((template): template is Exclude<SendTemplate, { retransmit: true }> => 'flags' in template);
  const what = [...new Set(segments.map((template) => formatFlags(template.flags)))].join(' | ');
  if (segments.some((template) => template.challenge)) return `${words.send} ${words.challenge} ${what}`;
  if (segments.some((template) => template.data)) return `${words.send} ${words.data} (${what})`;
  return `${words.send} ${what}`;
}

/** Only the 2MSL timer is worth drawing: it is what makes TIME-WAIT what it is (§3.10.7.4). */
function timeWaitTimer(actions: readonly TimerAction[], words: ActionWords): string[] {
  return actions
    .filter((action) => action.timer === 'timeWait' && (action.action === 'start' || action.action === 'restart'))
    .map((action) => (action.action === 'restart' ? words.restart2Msl : words.start2Msl));
}
