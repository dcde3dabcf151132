import type { CapturedSegment } from './captured-segment';

/** The segments of one TCP connection: one 4-tuple, one incarnation. */
export interface Connection {
  /** 1-based, in order of each connection's first segment. */
  id: number;
  /** The two endpoints, the sender of the connection's first segment first. */
  endpoints: [string, string];
  segments: CapturedSegment[];
  /** Capture times of the first and last segment (ms). */
  start: number;
  end: number;
}

/**
 * Split segments by 4-tuple. A fresh SYN on a 4-tuple whose connection already ended (FIN or RST seen)
 * with a different initial sequence number starts a new incarnation: the 4-tuple was reused.
 */
export function splitConnections(segments: CapturedSegment[]): Connection[] {
  const connections: Connection[] = [];
  const current = new Map<string, { connection: Connection; ended: boolean; synSeq: Map<string, number> }>();
  for (const segment of segments) {
    const key = segment.src < segment.dst ? `${segment.src} ${segment.dst}` : `${segment.dst} ${segment.src}`;
    const isOpeningSyn = segment.flags.includes('SYN') && !segment.flags.includes('ACK');
    let entry = current.get(key);
    const reused = entry && isOpeningSyn && entry.ended && entry.synSeq.get(segment.src) !== segment.seq;
    if (!entry || reused) {
      const connection: Connection = { id: connections.length + 1, endpoints: [segment.src, segment.dst], segments: [], start: segment.time, end: segment.time };
      connections.push(connection);
      entry = { connection, ended: false, synSeq: new Map() };
      current.set(key, entry);
    }
    entry.connection.segments.push(segment);
    entry.connection.end = segment.time;
    if (segment.flags.includes('SYN') && !entry.synSeq.has(segment.src)) entry.synSeq.set(segment.src, segment.seq);
    if (segment.flags.includes('FIN') || segment.flags.includes('RST')) entry.ended = true;
  }
  return connections;
}

/** "127.0.0.1:45678 ⇄ 127.0.0.1:8080 (10 segments)", for pickers. */
export function describeConnection(connection: Connection): string {
  const count = connection.segments.length;
  return `${connection.endpoints[0]} ⇄ ${connection.endpoints[1]} (${count} segment${count === 1 ? '' : 's'})`;
}
