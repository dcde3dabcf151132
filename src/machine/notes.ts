/**
 * The reducer's notes: why a segment or timer changed nothing, as `{ code, params }`. The English words live here
 * once: the English catalogue (src/i18n/messages.en.ts) takes its `note.<code>` messages from NOTE_TEXT, and the
 * simulator renders a trace's `note` with `noteEnglish`. Other languages have the same keys in their catalogues.
 */
import { formatMessage } from '../i18n/format';
import type { TimerName } from './types';

export const NOTE_TEXT = {
  timerNotArmed: '{timer} timer is not armed: ignored',
  timerNotDue: '{timer} timer is not due until {deadline}: ignored',
  nothingToRetransmit: 'retransmission timer fired with nothing to retransmit: ignored',
  rstToClosedPort: 'RST to a closed port is discarded',
  noSynAckRst: 'neither SYN, ACK nor RST: dropped',
  rstNotAckingSyn: 'RST whose ACK does not acknowledge our SYN: dropped',
  rstWithoutAck: 'RST without ACK cannot be validated in SYN-SENT: dropped',
  noSynRst: 'neither SYN nor RST: dropped',
  rstOutOfWindow: 'RST outside the receive window: silently dropped (RFC 5961 §3.2)',
  notAcceptable: 'segment not acceptable (§3.10.7.4): dropped and ACKed',
  rstInWindow: 'RST in window but not at RCV.NXT: challenge ACK (RFC 5961 §3.2)',
  synSynchronized: 'SYN in a synchronized state: challenge ACK (RFC 5961 §4)',
  ackOff: 'ACK bit off: dropped (§3.10.7.4 fifth check)',
  ackUnsent: 'ACK of data never sent (or too old): dropped and ACKed (§3.10.7.4)',
  dataAfterFin: "data after the peer's FIN: ignored",
  outOfOrder: 'out-of-order data: dropped and ACKed at once (no reassembly in this model)',
} as const;

export type NoteCode = keyof typeof NOTE_TEXT;

/** A note as data. Timer notes carry the timer's name and, for `timerNotDue`, its deadline in virtual ms. */
export type Note =
  | { code: 'timerNotArmed'; params: { timer: TimerName } }
  | { code: 'timerNotDue'; params: { timer: TimerName; deadline: number } }
  | { code: Exclude<NoteCode, 'timerNotArmed' | 'timerNotDue'>; params?: undefined };

/** The note in the machine's English, as traces print it (timer names and deadlines as the reducer has them). */
export function noteEnglish(note: Note): string {
  return formatMessage(NOTE_TEXT[note.code], note.params);
}

/** The English catalogue's `note.<code>` messages. */
export const NOTE_MESSAGES = Object.fromEntries(Object.entries(NOTE_TEXT).map(([code, text]) => [`note.${code}`, text])) as {
  readonly [Code in NoteCode as `note.${Code}`]: (typeof NOTE_TEXT)[Code];
};
