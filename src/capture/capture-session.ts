/**
 * One capture opened by a reader: parsed once, split into connections, each replayed when the
 * reader picks it. The Web Worker (worker.ts) holds one session; tests and Node use it directly.
 */
import { CaptureError } from './capture-error';
import type { CaptureFormat, ParsedCapture, ParseProgress, SkipCounts } from './captured-segment';
import { describeConnection, splitConnections, type Connection } from './connections';
import { parseCapture } from './parse-capture';
import { replayConnection, type ConnectionReplay } from './replay';

export interface ConnectionSummary {
  id: number;
  endpoints: [string, string];
  /** "127.0.0.1:45678 ⇄ 127.0.0.1:8080 (11 segments)" */
  label: string;
  segments: number;
  /** Capture times (ms) of the first and last segment. */
  start: number;
  end: number;
  /** Whether the connection's first segment is a SYN without ACK (the capture saw it open). */
  opens: boolean;
}

export interface CaptureSummary {
  format: CaptureFormat;
  packets: number;
  tcpSegments: number;
  skipped: SkipCounts;
  linkTypes: string[];
  sequenceNumbers?: 'absolute' | 'relative';
  connections: ConnectionSummary[];
}

/** A capture of only other traffic is not an error of the parser, but there is nothing to replay. */
export function assertHasTcp(capture: ParsedCapture): void {
  if (capture.segments.length > 0) return;
  const skipped = Object.entries(capture.skipped).map(([reason, count]) => `${count} ${reason}`).join(', ');
  throw new CaptureError(
    `no TCP segment in the capture (${capture.packets} packet${capture.packets === 1 ? '' : 's'} read${skipped ? `; skipped: ${skipped}` : ''})`,
    {},
    { code: skipped ? 'noTcpSkipped' : 'noTcp', params: { packets: capture.packets, list: skipped } },
  );
}

export class CaptureSession {
  private connections: Connection[] = [];
  private readonly replays = new Map<number, ConnectionReplay>();

  /** Parse and split; throws CaptureError for bad input or a capture without TCP. */
  open(input: Uint8Array | string, onProgress?: (progress: ParseProgress) => void, progressEvery?: number): CaptureSummary {
    const capture = parseCapture(input, { onProgress, progressEvery });
    assertHasTcp(capture);
    this.connections = splitConnections(capture.segments);
    this.replays.clear();
    const summary: CaptureSummary = {
      format: capture.format,
      packets: capture.packets,
      tcpSegments: capture.segments.length,
      skipped: capture.skipped,
      linkTypes: capture.linkTypes,
      connections: this.connections.map((c) => ({
        id: c.id,
        endpoints: c.endpoints,
        label: describeConnection(c),
        segments: c.segments.length,
        start: c.start,
        end: c.end,
        opens: c.segments[0]!.flags.includes('SYN') && !c.segments[0]!.flags.includes('ACK'),
      })),
    };
    if (capture.sequenceNumbers) summary.sequenceNumbers = capture.sequenceNumbers;
    return summary;
  }

  replay(connectionId: number): ConnectionReplay {
    const connection = this.connections.find((c) => c.id === connectionId);
    if (!connection) throw new CaptureError(`no connection ${connectionId} in this capture (it has ${this.connections.length})`, {}, { code: 'noConnection', params: { id: connectionId, count: this.connections.length } });
    let replay = this.replays.get(connectionId);
    if (!replay) {
      replay = replayConnection(connection);
      this.replays.set(connectionId, replay);
    }
    return replay;
  }
}
