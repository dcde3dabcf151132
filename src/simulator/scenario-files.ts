/**
 * Reading content/scenarios/*.json from Node (tests, bench, scripts). The browser loads the
 * same files with `import.meta.glob` instead, so nothing in the islands imports this file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScenarioText, type Scenario } from './scenario';

export const SCENARIO_DIR = fileURLToPath(new URL('../../content/scenarios/', import.meta.url));

/** Scenario names (file names without `.json`), sorted. */
export function scenarioNames(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

export function loadScenario(name: string): Scenario {
  const file = `${SCENARIO_DIR}${name}.json`;
  return parseScenarioText(readFileSync(file, 'utf8'), file);
}
