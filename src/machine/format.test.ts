import { describe, expect, it } from 'vitest';
import { formatFlags, formatSegment } from './format';

describe('formatFlags', () => {
  it('prints flags in the canonical order SYN, FIN, RST, ACK whatever order they come in', () => {
    expect(formatFlags(['ACK', 'SYN'])).toBe('SYN,ACK');
    expect(formatFlags(['ACK', 'RST'])).toBe('RST,ACK');
    expect(formatFlags(['ACK', 'FIN'])).toBe('FIN,ACK');
    expect(formatFlags([])).toBe('');
  });
});

describe('formatSegment', () => {
  it('prints seq, ack and len, leaving ack out when the ACK flag is off', () => {
    expect(formatSegment({ flags: ['SYN', 'ACK'], seq: 5000, ack: 1001, len: 0 })).toBe('SYN,ACK seq=5000 ack=1001 len=0');
    expect(formatSegment({ flags: ['SYN'], seq: 1000, ack: null, len: 0 })).toBe('SYN seq=1000 len=0');
    expect(formatSegment({ flags: [], seq: 7, ack: null, len: 3, window: 10 })).toBe('(no flags) seq=7 len=3');
  });
});
