import { assertHasTcp } from './capture-session';
import type { ParsedCapture } from './captured-segment';
import { splitConnections, type Connection } from './connections';
import { parseCapture } from './parse-capture';
import { replayConnection, toPublicReplay, type ConnectionReplay, type PublicConnectionReplay } from './replay';
import type { TextParseOptions } from './tcpdump-text';

export interface CaptureReplay {
  capture: ParsedCapture;
  connections: Connection[];
  replays: ConnectionReplay[];
}

/** Parse a capture, split it into connections and replay each one. */
export function replayCapture(input: Uint8Array | string, options: TextParseOptions = {}): CaptureReplay {
  const capture = parseCapture(input, options);
  assertHasTcp(capture);
  const connections = splitConnections(capture.segments);
  return { capture, connections, replays: connections.map(replayConnection) };
}

/** The JSON `npm run -s replay` prints (issue 5). */
export function publicReplayJson(replay: CaptureReplay): { connections: PublicConnectionReplay[] } {
  return { connections: replay.replays.map(toPublicReplay) };
}
