import { DEFAULT_SCENARIO, registerScenario, scenarioNameOf } from './scenario-registry';

/**
 * Every scenario file of `content/scenarios/`, bundled by Vite for the build (Astro frontmatter) and the tests:
 * the islands run the same files the tests and the generated sequence diagrams read, never a copy. Importing this
 * module registers them all; browser code uses scenario-chunks.ts instead, which loads one file at a time.
 */
const files = import.meta.glob<unknown>('/content/scenarios/*.json', { eager: true, import: 'default' });

export const scenarioFiles: ReadonlyMap<string, unknown> = new Map(
  Object.entries(files)
    .map(([path, json]) => [scenarioNameOf(path), json] as const)
    .sort(([a], [b]) => byDefaultFirst(a, b)),
);
for (const [name, json] of scenarioFiles) registerScenario(name, json);

export function scenarioNames(): string[] {
  return [...scenarioFiles.keys()];
}

/** The default scenario first, then by name. */
function byDefaultFirst(a: string, b: string): number {
  return a === DEFAULT_SCENARIO ? -1 : b === DEFAULT_SCENARIO ? 1 : a.localeCompare(b);
}
