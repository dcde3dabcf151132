import { parseScenario, type Scenario } from '../simulator/scenario';

/**
 * Every scenario file of `content/scenarios/`, bundled by Vite at build time: the islands run the same files the
 * tests and the generated sequence diagrams read, never a copy. Names are the file names without `.json`.
 */
const files = import.meta.glob<unknown>('/content/scenarios/*.json', { eager: true, import: 'default' });

export const DEFAULT_SCENARIO = 'normal-open-close';

export const scenarioFiles: ReadonlyMap<string, unknown> = new Map(
  Object.entries(files)
    .map(([path, json]) => [path.replace(/^.*\/([^/]+)\.json$/, '$1'), json] as const)
    .sort(([a], [b]) => (a === DEFAULT_SCENARIO ? -1 : b === DEFAULT_SCENARIO ? 1 : a.localeCompare(b))),
);

export function scenarioNames(): string[] {
  return [...scenarioFiles.keys()];
}

const parsed = new Map<string, Scenario>();

/** The parsed scenario, or null when no file has that name. A malformed file throws the parser's ScenarioError. */
export function loadScenario(name: string): Scenario | null {
  const cached = parsed.get(name);
  if (cached) return cached;
  if (!scenarioFiles.has(name)) return null;
  const scenario = parseScenario(scenarioFiles.get(name), `content/scenarios/${name}.json`);
  parsed.set(name, scenario);
  return scenario;
}

/** The two endpoint names in the order the scenario lists them: left and right on the ladder. */
export function endpointNames(scenario: Scenario): [string, string] {
  const names = Object.keys(scenario.endpoints);
  return [names[0]!, names[1]!];
}
