import type { Note } from '../machine/notes';
import type { Translate } from '../i18n/format';
import type { TraceEvent } from '../simulator/trace';
import { eventNoteParts } from '../simulator/note-parts';
import { formatTime } from './time-format';

/**
 * The reducer's notes (why a segment or timer changed nothing) are `{ code, params }` (src/machine/notes.ts); a page
 * says them through its catalogue's `note.<code>` message, with the timer named and the deadline written as the
 * page writes them.
 */
export function noteText(t: Translate, note: Note): string {
  switch (note.code) {
    case 'timerNotArmed':
      return t('note.timerNotArmed', { timer: t(`timer.${note.params.timer}`) });
    case 'timerNotDue':
      return t('note.timerNotDue', { timer: t(`timer.${note.params.timer}`), deadline: formatTime(note.params.deadline) });
    default:
      return t(`note.${note.code}`);
  }
}

/**
 * A trace event's note in the page's language: the scenario step's own words as written, the machine's note through
 * the catalogue. An event from a trace the page did not simulate itself has only its English `note`, shown as it is.
 */
export function eventNoteText(t: Translate, event: TraceEvent): string | undefined {
  const parts = eventNoteParts(event);
  if (!parts) return event.note;
  return parts.map((part) => (typeof part === 'string' ? part : noteText(t, part))).join('; ');
}
