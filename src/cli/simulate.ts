/**
 * `npm run -s simulate -- FILE` (or `-` for stdin): prints the trace of a scenario as JSON.
 * Bad input gets one line on stderr, `simulate: <file>: <path>: <fault>`, and exit status 2.
 * Options: `--snapshots` adds each endpoint's variables to every event.
 */
import { readFileSync } from 'node:fs';
import { parseScenarioText, ScenarioError } from '../simulator/scenario';
import { simulate, SimulationError } from '../simulator/simulate';

const USAGE = 'usage: npm run -s simulate -- [--snapshots] FILE|-';

function fail(message: string, status = 2): never {
  process.stderr.write(`simulate: ${message}\n`);
  process.exit(status);
}

function main(args: string[]): void {
  const snapshots = args.includes('--snapshots');
  const unknownOption = args.find((arg) => arg.startsWith('--') && arg !== '--snapshots');
  if (unknownOption) fail(`unknown option ${unknownOption}; ${USAGE}`);
  const files = args.filter((arg) => !arg.startsWith('--'));
  if (files.length !== 1) fail(files.length ? `expected one FILE, got ${files.length}; ${USAGE}` : USAGE);
  const file = files[0]!;
  const label = file === '-' ? '<stdin>' : file;

  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail(`${label}: cannot read (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message})`);
  }

  try {
    const trace = simulate(parseScenarioText(text, label), { snapshots });
    process.stdout.write(`${JSON.stringify(trace, null, 2)}\n`);
  } catch (error) {
    if (error instanceof ScenarioError || error instanceof SimulationError) fail(`${label}: ${error.message}`);
    throw error;
  }
}

main(process.argv.slice(2));
