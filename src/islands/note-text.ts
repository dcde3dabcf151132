import { TIMERS, type TimerName } from '../machine/types';
import type { Translate } from '../i18n/format';
import type { MessageKey } from '../i18n/messages.en';
import { formatTime } from './time-format';

/**
 * The machine's notes (why a segment or timer changed nothing) are English data written by src/machine/endpoint.ts.
 * This table recognises each of them and names its catalogue key, so a page can say it in its own language. A
 * note it does not recognise (one added to the machine later) is shown as the machine wrote it, in English:
 * src/islands/note-text.test.ts fails when the machine has a note this table misses.
 */
const FIXED_NOTES: Record<string, MessageKey> = {
  'retransmission timer fired with nothing to retransmit: ignored': 'note.nothingToRetransmit',
  'RST to a closed port is discarded': 'note.rstToClosedPort',
  'neither SYN, ACK nor RST: dropped': 'note.noSynAckRst',
  'RST whose ACK does not acknowledge our SYN: dropped': 'note.rstNotAckingSyn',
  'RST without ACK cannot be validated in SYN-SENT: dropped': 'note.rstWithoutAck',
  'neither SYN nor RST: dropped': 'note.noSynRst',
  'RST outside the receive window: silently dropped (RFC 5961 §3.2)': 'note.rstOutOfWindow',
  'segment not acceptable (§3.10.7.4): dropped and ACKed': 'note.notAcceptable',
  'RST in window but not at RCV.NXT: challenge ACK (RFC 5961 §3.2)': 'note.rstInWindow',
  'SYN in a synchronized state: challenge ACK (RFC 5961 §4)': 'note.synSynchronized',
  'ACK bit off: dropped (§3.10.7.4 fifth check)': 'note.ackOff',
  'ACK of data never sent (or too old): dropped and ACKed (§3.10.7.4)': 'note.ackUnsent',
  "data after the peer's FIN: ignored": 'note.dataAfterFin',
  'out-of-order data: dropped and ACKed at once (no reassembly in this model)': 'note.outOfOrder',
};

const NOT_ARMED = /^(\w+) timer is not armed: ignored$/;
const NOT_DUE = /^(\w+) timer is not due until (\d+): ignored$/;

function isTimer(name: string | undefined): name is TimerName {
  return (TIMERS as readonly string[]).includes(name ?? '');
}

/** The note in the page's language, or as the machine wrote it when it is not in the table. */
export function noteText(t: Translate, note: string): string {
  const fixed = FIXED_NOTES[note];
  if (fixed) return t(fixed);
  const notArmed = NOT_ARMED.exec(note);
  if (notArmed && isTimer(notArmed[1])) return t('note.timerNotArmed', { timer: t(`timer.${notArmed[1]}`) });
  const notDue = NOT_DUE.exec(note);
  if (notDue && isTimer(notDue[1])) return t('note.timerNotDue', { timer: t(`timer.${notDue[1]}`), deadline: formatTime(Number(notDue[2])) });
  return note;
}

/** Whether `noteText` knows the note (for the test that keeps this table complete). */
export function isKnownNote(note: string): boolean {
  return note in FIXED_NOTES || (isTimer(NOT_ARMED.exec(note)?.[1])) || isTimer(NOT_DUE.exec(note)?.[1]);
}
