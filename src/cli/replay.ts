/**
 * `npm run -s replay -- FILE` (a pcap, a pcapng or `tcpdump -nn` text; `-` reads text from stdin):
 * prints `{ "connections": [ { client, server, states, final, annotations } ] }` (issue 5).
 * Bad input gets one line on stderr, `replay: <file>: <where>: <fault>`, and exit status 2.
 * `--full` prints everything the replay page uses instead: per-segment timeline, calls, transitions.
 */
import { CaptureError } from '../capture/capture-error';
import { publicReplayJson, replayCapture } from '../capture/replay-capture';
import { fileCommand } from './file-command';

function main(args: string[]): void {
  const { label, flagged: full, fail, read } = fileCommand('replay', '--full', args);
  const input = read('bytes');

  try {
    const replay = replayCapture(input);
    const output = full ? { capture: { ...replay.capture, segments: undefined }, connections: replay.replays } : publicReplayJson(replay);
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  } catch (error) {
    if (error instanceof CaptureError) fail(`${label}: ${error.message}`);
    fail(`${label}: internal error: ${(error as Error).message}`, 1);
  }
}

main(process.argv.slice(2));
