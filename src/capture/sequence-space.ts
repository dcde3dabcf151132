/**
 * Captured sequence numbers wrap at 2^32 and start anywhere; the machine counts with plain
 * integers. Each endpoint's sequence space is unwrapped onto a line: the first number seen maps
 * to ORIGIN, and every later one to the nearest point (within ±2^31, RFC 9293 §3.4 arithmetic).
 */
const TWO_32 = 4294967296;
const TWO_31 = 2147483648;
/** Far enough from 0 that ISS − 1 and old duplicates stay positive. */
export const ORIGIN = TWO_32;

export class SequenceSpace {
  private anchorRaw: number | null = null;
  private anchorLine = ORIGIN;
  /** The captured number that maps to ORIGIN: the base for "relative" numbers in messages. */
  base: number | null = null;

  toLine(raw: number): number {
    if (this.anchorRaw === null) {
      this.anchorRaw = raw;
      this.base = raw;
      return ORIGIN;
    }
    let delta = (raw - this.anchorRaw) % TWO_32;
    if (delta < 0) delta += TWO_32;
    if (delta >= TWO_31) delta -= TWO_32;
    const line = this.anchorLine + delta;
    this.anchorRaw = raw;
    this.anchorLine = line;
    return line;
  }

  /** tcpdump-style relative number for messages: distance from the first number seen. */
  relative(line: number): number {
    return line - ORIGIN;
  }
}
