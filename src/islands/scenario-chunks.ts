import { isRegistered, registerScenario, scenarioNameOf } from './scenario-registry';

/**
 * The browser's view of `content/scenarios/`: Vite turns every file into its own chunk, fetched the first time a
 * session needs it. The picker's names and titles are already in the HTML, rendered at build time.
 */
const loaders = import.meta.glob<unknown>('/content/scenarios/*.json', { import: 'default' });
const byName = new Map(Object.entries(loaders).map(([path, load]) => [scenarioNameOf(path), load]));

/** Fetches and registers a scenario file; false when there is no file of that name. */
export async function fetchScenario(name: string): Promise<boolean> {
  if (isRegistered(name)) return true;
  const load = byName.get(name);
  if (!load) return false;
  registerScenario(name, await load());
  return true;
}
