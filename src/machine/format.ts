/**
 * Segments as one line of text, the way diagrams, islands and CLIs print them:
 * "SYN,ACK seq=5000 ack=1001 len=0". Flags always come in the canonical order SYN, FIN, RST, ACK.
 */
import { FLAGS, type Flag, type Segment } from './types';

/** "SYN,ACK" for ['ACK', 'SYN']; "" for no flags. */
export function formatFlags(flags: readonly Flag[]): string {
  return FLAGS.filter((flag) => flags.includes(flag)).join(',');
}

/** "FIN,ACK seq=1101 ack=5001 len=0"; the ack field is left out when the ACK flag is off. */
export function formatSegment(segment: Segment): string {
  const flags = formatFlags(segment.flags) || '(no flags)';
  const ack = segment.ack === null ? '' : ` ack=${segment.ack}`;
  return `${flags} seq=${segment.seq}${ack} len=${segment.len}`;
}
