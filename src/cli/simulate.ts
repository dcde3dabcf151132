/**
 * `npm run -s simulate -- FILE` (or `-` for stdin): prints the trace of a scenario as JSON.
 * Bad input gets one line on stderr, `simulate: <file>: <path>: <fault>`, and exit status 2.
 * Options: `--snapshots` adds each endpoint's variables to every event.
 */
import { parseScenarioText, ScenarioError } from '../simulator/scenario';
import { simulate, SimulationError } from '../simulator/simulate';
import { fileCommand } from './file-command';

function main(args: string[]): void {
  const { label, flagged: snapshots, fail, read } = fileCommand('simulate', '--snapshots', args);
  const text = read('text');

  try {
    const trace = simulate(parseScenarioText(text, label), { snapshots });
    process.stdout.write(`${JSON.stringify(trace, null, 2)}\n`);
  } catch (error) {
    if (error instanceof ScenarioError || error instanceof SimulationError) fail(`${label}: ${error.message}`);
    throw error;
  }
}

main(process.argv.slice(2));
