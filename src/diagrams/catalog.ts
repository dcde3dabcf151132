/**
 * Every diagram the site publishes, with its Mermaid source: one per state view
 * (`state-<view>`) and one sequence diagram per scenario file (`sequence-<scenario>`).
 * Node only: it reads content/scenarios/ from disk.
 */
import { machine } from '../machine/definition';
import type { State } from '../machine/types';
import { loadScenario, scenarioNames } from '../simulator/scenario-files';
import { simulate } from '../simulator/simulate';
import { sequenceDiagramSource } from './sequence-diagram';
import { LOCALES, type Locale } from '../i18n/locales';
import { stateDiagramSource, stateViewStates, STATE_VIEWS, type StateView } from './state-diagram';
import { STATE_VIEW_SPECS } from './state-views';

export interface DiagramEntry {
  /** Stable file name: `/diagrams/<name>.svg` and `.mmd` (`state-<view>.<locale>` for another edition's labels). */
  name: string;
  kind: 'state' | 'sequence';
  title: string;
  description: string;
  source: string;
  /** State diagrams: the states drawn, each of which must come out with `data-state`. */
  states: State[];
}

/** `state-<view>` in English, `state-<view>.<locale>` with the edge labels of another edition. */
export function stateDiagramName(view: StateView, locale: Locale = 'en'): string {
  return locale === 'en' ? `state-${view}` : `state-${view}.${locale}`;
}

export function diagramCatalog(): DiagramEntry[] {
  const stateDiagrams = LOCALES.flatMap((locale) =>
    STATE_VIEWS.map((view): DiagramEntry => {
      const spec = STATE_VIEW_SPECS[view];
      return {
        name: stateDiagramName(view, locale),
        kind: 'state',
        title: spec.title,
        description: spec.description,
        source: stateDiagramSource(view, machine, locale),
        states: stateViewStates(view, machine),
      };
    }),
  );
  const sequenceDiagrams = scenarioNames().map((scenarioName) => sequenceEntry(scenarioName));
  return [...stateDiagrams, ...sequenceDiagrams];
}

export class CatalogError extends Error {}

function sequenceEntry(scenarioName: string): DiagramEntry {
  try {
    return sequenceEntryUnchecked(scenarioName);
  } catch (error) {
    // The build prints this one line: it must say which file is wrong.
    throw new CatalogError(`content/scenarios/${scenarioName}.json: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function sequenceEntryUnchecked(scenarioName: string): DiagramEntry {
  const scenario = loadScenario(scenarioName);
  const names = Object.keys(scenario.endpoints) as [string, string];
  const title = scenario.title ?? scenarioName;
  const description = `Sequence diagram of the "${scenarioName}" scenario, simulated by the TCP Lab machine: every segment with its seq and ack, state changes and timers as notes.`;
  return {
    name: `sequence-${scenarioName}`,
    kind: 'sequence',
    title,
    description,
    source: sequenceDiagramSource(simulate(scenario), names, { title, description }),
    states: [],
  };
}
