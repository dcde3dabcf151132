import { describe, expect, it } from 'vitest';
import type { CapturedFlag, CapturedSegment } from './captured-segment';
import { describeConnection, splitConnections } from './connections';

let index = 0;
function seg(src: string, dst: string, flags: CapturedFlag[], seq: number, ack: number | null = null): CapturedSegment {
  index++;
  return { index, time: index, src, dst, flags, seq, ack, len: 0, window: 100 };
}

describe('splitConnections', () => {
  it('groups segments by 4-tuple whichever way they travel, in order of first appearance', () => {
    const segments = [
      seg('10.0.0.1:1000', '10.0.0.2:80', ['SYN'], 1),
      seg('10.0.0.3:2000', '10.0.0.2:80', ['SYN'], 7),
      seg('10.0.0.2:80', '10.0.0.1:1000', ['SYN', 'ACK'], 50, 2),
      seg('10.0.0.2:80', '10.0.0.3:2000', ['RST', 'ACK'], 0, 8),
    ];
    const connections = splitConnections(segments);
    expect(connections.map((c) => [c.id, c.endpoints, c.segments.map((s) => s.index)])).toEqual([
      [1, ['10.0.0.1:1000', '10.0.0.2:80'], [segments[0]!.index, segments[2]!.index]],
      [2, ['10.0.0.3:2000', '10.0.0.2:80'], [segments[1]!.index, segments[3]!.index]],
    ]);
    expect(describeConnection(connections[1]!)).toBe('10.0.0.3:2000 ⇄ 10.0.0.2:80 (2 segments)');
  });

  it('starts a new connection when a closed 4-tuple is reused by a SYN with a new ISN', () => {
    const segments = [
      seg('10.0.0.1:1000', '10.0.0.2:80', ['SYN'], 1),
      seg('10.0.0.1:1000', '10.0.0.2:80', ['SYN'], 1), // a retransmission, same connection
      seg('10.0.0.2:80', '10.0.0.1:1000', ['RST', 'ACK'], 0, 2),
      seg('10.0.0.1:1000', '10.0.0.2:80', ['SYN'], 900),
    ];
    expect(splitConnections(segments).map((c) => c.segments.length)).toEqual([3, 1]);
  });
});
