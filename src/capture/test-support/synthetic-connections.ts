/**
 * Many complete loopback-style connections as captured segments: handshake, data both ways, a
 * normal close. For the benchmark and the large-capture tests; every connection must replay to
 * client TIME-WAIT, server CLOSED.
 */
import type { CapturedSegment } from '../captured-segment';

export interface SyntheticOptions {
  connections: number;
  /** Data segments each way per connection (each answered by an ACK). */
  dataSegments: number;
  /** Payload bytes per data segment. */
  payload: number;
  /** First capture time, ms since the epoch. */
  start?: number;
}

export function syntheticConnections(options: SyntheticOptions): CapturedSegment[] {
  const segments: CapturedSegment[] = [];
  let time = options.start ?? 1_764_000_000_000;
  const push = (src: string, dst: string, flags: CapturedSegment['flags'], seq: number, ack: number | null, len = 0) => {
    time += 0.05;
    segments.push({ index: segments.length + 1, time, src, dst, flags, seq: seq >>> 0, ack: ack === null ? null : ack >>> 0, len, window: 512 });
  };
  for (let c = 0; c < options.connections; c++) {
    const client = `10.${(c >> 16) & 255}.${(c >> 8) & 255}.${c & 255}:${40000 + (c % 20000)}`;
    const server = '192.168.0.1:443';
    // ISNs spread over the whole space so some connections wrap around 2^32.
    let clientSeq = (c * 2654435761) >>> 0;
    let serverSeq = (c * 40503 * 65537 + 12345) >>> 0;
    push(client, server, ['SYN'], clientSeq, null);
    push(server, client, ['SYN', 'ACK'], serverSeq, clientSeq + 1);
    clientSeq += 1;
    serverSeq += 1;
    push(client, server, ['ACK'], clientSeq, serverSeq);
    for (let i = 0; i < options.dataSegments; i++) {
      push(client, server, ['ACK', 'PSH'], clientSeq, serverSeq, options.payload);
      clientSeq += options.payload;
      push(server, client, ['ACK', 'PSH'], serverSeq, clientSeq, options.payload);
      serverSeq += options.payload;
      push(client, server, ['ACK'], clientSeq, serverSeq);
    }
    push(client, server, ['FIN', 'ACK'], clientSeq, serverSeq);
    push(server, client, ['ACK'], serverSeq, clientSeq + 1);
    push(server, client, ['FIN', 'ACK'], serverSeq, clientSeq + 1);
    push(client, server, ['ACK'], clientSeq + 1, serverSeq + 1);
  }
  return segments;
}

/** `tcpdump -nn -S -tttt` lines for the segments (absolute numbers, date and time). */
export function tcpdumpText(segments: CapturedSegment[]): string {
  const letters: Record<string, string> = { SYN: 'S', FIN: 'F', RST: 'R', PSH: 'P', URG: 'U', ACK: '.' };
  const dotted = (endpoint: string) => endpoint.replace(/:(\d+)$/, '.$1');
  return segments
    .map((s) => {
      const stamp = new Date(Math.floor(s.time)).toISOString().replace('T', ' ').replace('Z', '').slice(0, 19);
      const micros = String(Math.round((s.time % 1000) * 1000)).padStart(6, '0');
      const flags = ['SYN', 'FIN', 'PSH', 'RST', 'URG', 'ACK'].filter((f) => s.flags.includes(f as never)).map((f) => letters[f]).join('');
      const showSeq = s.len > 0 || s.flags.includes('SYN') || s.flags.includes('FIN') || s.flags.includes('RST');
      const seq = showSeq ? (s.len > 0 ? `, seq ${s.seq}:${(s.seq + s.len) >>> 0}` : `, seq ${s.seq}`) : '';
      const ack = s.ack === null ? '' : `, ack ${s.ack}`;
      return `${stamp}.${micros} IP ${dotted(s.src)} > ${dotted(s.dst)}: Flags [${flags}]${seq}${ack}, win ${s.window}, length ${s.len}`;
    })
    .join('\n');
}
