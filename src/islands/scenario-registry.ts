import { parseScenario, type Scenario } from '../simulator/scenario';

/**
 * The scenario files a session can open, by name (the file name without `.json`). At build time and in tests
 * every file of `content/scenarios/` is registered up front (scenarios.ts); in the browser each file is its own
 * small chunk, fetched and registered when the reader picks it (scenario-chunks.ts), so an article page does not
 * download all eighteen.
 */
export const DEFAULT_SCENARIO = 'normal-open-close';

const files = new Map<string, unknown>();
const parsed = new Map<string, Scenario>();

export function registerScenario(name: string, json: unknown): void {
  files.set(name, json);
  parsed.delete(name);
}

export function isRegistered(name: string): boolean {
  return files.has(name);
}

/** The parsed scenario, or null when no file of that name is registered. A malformed file throws the parser's ScenarioError. */
export function loadScenario(name: string): Scenario | null {
  const cached = parsed.get(name);
  if (cached) return cached;
  if (!files.has(name)) return null;
  const scenario = parseScenario(files.get(name), `content/scenarios/${name}.json`);
  parsed.set(name, scenario);
  return scenario;
}

/** `/content/scenarios/lost-fin.json` → `lost-fin`. */
export function scenarioNameOf(path: string): string {
  return path.replace(/^.*\/([^/]+)\.json$/, '$1');
}

/** The two endpoint names in the order the scenario lists them: left and right on the ladder. */
export function endpointNames(scenario: Scenario): [string, string] {
  const names = Object.keys(scenario.endpoints);
  return [names[0]!, names[1]!];
}
