/**
 * The words of a transition record, derived from its structure: the event label drawn on diagrams ("rcv SYN,ACK"),
 * the segments sent in the RFC's notation ("<SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>"), the timers ("start timeWait
 * (2MSL)") and the report ("connection reset"). definition.ts writes records as structure and keeps these strings
 * beside it, so pages and `tcp-machine.json` print them; code that selects records reads the structure.
 */
import { formatFlags } from './format';
import type { CallEvent, Flag, Report, ReportCode, SegmentCheck, SendTemplate, TimerAction, Trigger } from './types';

const CALL_LABEL: Record<CallEvent, string> = {
  listen: 'passive OPEN (listen)',
  connect: 'active OPEN (connect)',
  open: 'OPEN (listen or connect)',
  send: 'SEND',
  close: 'CLOSE',
  abort: 'ABORT',
};

const CHECK_SUFFIX: Partial<Record<SegmentCheck, string>> = {
  'ack-of-syn': ' of SYN',
  'ack-of-fin': ' of FIN',
  retransmitted: ' (retransmitted)',
  'in-window': ' in window',
  'out-of-window': ' out of window',
};

/** "rcv SYN,ACK", "active OPEN (connect)", "timeout 2MSL": the event as diagrams draw it. */
export function eventLabel(trigger: Trigger): string {
  switch (trigger.kind) {
    case 'call':
      return CALL_LABEL[trigger.call];
    case 'timer':
      if (trigger.timer === 'timeWait') return 'timeout 2MSL';
      if (trigger.timer === 'delayedAck') return 'delayed-ACK timeout';
      return trigger.giveUp ? 'retransmission timeout, retries exhausted' : 'retransmission timeout';
    case 'segment': {
      const { flags, without, check, data } = trigger;
      if (flags.length === 0) {
        if (without && without.length >= 3) return 'rcv other segment';
        if (without) return `rcv segment without ${without.join(' or ')}`;
        return check === 'unacceptable' ? 'rcv unacceptable segment' : 'rcv segment';
      }
      const bits = flags.includes('SYN') && flags.includes('FIN') ? `${formatFlags(flags.filter((f) => f !== 'FIN'))} with FIN` : formatFlags(flags);
      const prefix = check === 'bad-ack' ? 'unacceptable ' : '';
      return `rcv ${prefix}${bits}${(check && CHECK_SUFFIX[check]) ?? ''}${data ? ' / data' : ''}`;
    }
  }
}

const DELAY_WORDS = {
  'may-ride-on-fin': 'may be delayed and ride on our FIN',
  never: 'never delayed',
  'if-configured': 'delayed if configured; at once for out-of-order data',
} as const;

/** `<SEQ=…><ACK=…><CTL=…>` of one template, without the words around it. */
export function templateNotation(template: Exclude<SendTemplate, { retransmit: true }>): string {
  return `<SEQ=${template.seq}>${template.ack ? `<ACK=${template.ack}>` : ''}<CTL=${formatFlags(template.flags)}>`;
}

function templateText(template: SendTemplate): string {
  if ('retransmit' in template) return 'the segment at the front of the retransmission queue, again';
  let text = templateNotation(template);
  if (template.data) text += " + data, up to MSS and the peer's window";
  if (template.when === 'data-arrived') text += ' if data arrived';
  const remarks: string[] = [];
  if (template.afterQueuedData) remarks.push('after queued data');
  if (template.challenge) remarks.push('challenge ACK');
  if (template.delay) remarks.push(DELAY_WORDS[template.delay]);
  if (template.mayCarryData) remarks.push('may carry queued data');
  if (remarks.length > 0) text += ` (${remarks.join('; ')})`;
  return text;
}

/** What a record sends, in the RFC's notation; "" for nothing. Two templates split on the ACK bit read "X if ACK is set, else Y". */
export function sendsText(templates: readonly SendTemplate[]): string {
  const [first, second] = templates;
  if (first && second && 'flags' in first && first.when === 'ack-set') return `${templateText(first)} if ACK is set, else ${templateText(second)}`;
  return templates.map(templateText).join('; ');
}

const ACTION_WORDS: Record<TimerAction['action'], string> = { start: 'start', stop: 'stop', restart: 'restart', 'restart-or-stop': 'restart or stop' };

/** "start retransmission", "restart timeWait (2MSL)", "restart retransmission with RTO doubled (RFC 6298 §5.5)". */
export function timerText(action: TimerAction): string {
  let text = `${ACTION_WORDS[action.action]} ${action.timer}`;
  if (action.timer === 'timeWait' && action.action !== 'stop') text += ' (2MSL)';
  if (action.backoff) text += ' with RTO doubled (RFC 6298 §5.5)';
  if (action.onNewAck) text += ' on new ACK';
  return text;
}

/** The RFC's words for each report (§3.10), and Linux's for the time-out. */
export const REPORT_TEXT: Record<ReportCode, string> = {
  notExist: 'connection does not exist',
  alreadyExists: 'connection already exists',
  closing: 'connection closing',
  reset: 'connection reset',
  refused: 'connection refused',
  timedOut: 'connection timed out',
};

export function reportText(report: Report): string {
  return REPORT_TEXT[report.code];
}

/** The report code of an error or signal message the reducer emits, for checks that compare outputs with records. */
export function reportCodeOf(message: string): ReportCode | undefined {
  return (Object.keys(REPORT_TEXT) as ReportCode[]).find((code) => REPORT_TEXT[code] === message);
}

/** Flags a template or trigger names. */
export function hasFlag(flags: readonly Flag[] | undefined, flag: Flag): boolean {
  return flags !== undefined && flags.includes(flag);
}
