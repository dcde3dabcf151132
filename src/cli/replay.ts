/**
 * `npm run -s replay -- FILE` (a pcap, a pcapng or `tcpdump -nn` text; `-` reads text from stdin):
 * prints `{ "connections": [ { client, server, states, final, annotations } ] }` (issue 5).
 * Bad input gets one line on stderr, `replay: <file>: <where>: <fault>`, and exit status 2.
 * `--full` prints everything the replay page uses instead: per-segment timeline, calls, transitions.
 */
import { readFileSync } from 'node:fs';
import { CaptureError } from '../capture/capture-error';
import { publicReplayJson, replayCapture } from '../capture/replay-capture';

const USAGE = 'usage: npm run -s replay -- [--full] FILE|-';

function fail(message: string, status = 2): never {
  process.stderr.write(`replay: ${message}\n`);
  process.exit(status);
}

function main(args: string[]): void {
  const full = args.includes('--full');
  const unknownOption = args.find((arg) => arg.startsWith('--') && arg !== '--full');
  if (unknownOption) fail(`unknown option ${unknownOption}; ${USAGE}`);
  const files = args.filter((arg) => !arg.startsWith('--'));
  if (files.length !== 1) fail(files.length ? `expected one FILE, got ${files.length}; ${USAGE}` : USAGE);
  const file = files[0]!;
  const label = file === '-' ? '<stdin>' : file;

  let input: Uint8Array | string;
  try {
    input = file === '-' ? readFileSync(0, 'utf8') : new Uint8Array(readFileSync(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail(`${label}: cannot read (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message})`);
  }

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
