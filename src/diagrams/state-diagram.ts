/**
 * Mermaid `stateDiagram-v2` source generated from the machine's definition, so the pictures can
 * never drift from the machine the simulations run. Parallel transitions between the same two
 * states share one edge, one label line each: the picture stays readable and every transition
 * is still there by its "event / action" label.
 */
import { machine } from '../machine/definition';
import type { MachineDefinition, State, Transition } from '../machine/types';
import type { Locale } from '../i18n/locales';
import { mermaidLabel, mermaidStateId } from './mermaid-text';
import { STATE_VIEW_SPECS, type StateView } from './state-views';
import { transitionAction, transitionEvent, transitionLabel } from './transition-label';

export { STATE_VIEWS, type StateView } from './state-views';

/** Line separator inside one edge label. */
export const LABEL_LINE_BREAK = '<br/>';

export interface StateEdge {
  from: State;
  to: State;
  transitions: Transition[];
  /** One line per transition, in the machine's order. */
  lines: string[];
}

/** The transitions a view draws, grouped by (from, to) in the machine's order. */
export function stateViewEdges(view: StateView, definition: MachineDefinition = machine, locale: Locale = 'en'): StateEdge[] {
  const spec = STATE_VIEW_SPECS[view];
  const edges = new Map<string, StateEdge>();
  for (const transition of definition.transitions.filter((t) => spec.includes(t))) {
    const key = `${transition.from}->${transition.to}`;
    const edge = edges.get(key) ?? { from: transition.from, to: transition.to, transitions: [], lines: [] };
    edge.transitions.push(transition);
    edges.set(key, edge);
  }
  for (const edge of edges.values()) edge.lines = edgeLines(edge.transitions, locale);
  return [...edges.values()];
}

/** The states a view draws: all of them for the full machine, else those its transitions touch. */
export function stateViewStates(view: StateView, definition: MachineDefinition = machine): State[] {
  if (view === 'full' || view === 'overview') return definition.states.map((state) => state.name);
  const touched = new Set(stateViewEdges(view, definition).flatMap((edge) => [edge.from, edge.to]));
  return definition.states.map((state) => state.name).filter((name) => touched.has(name));
}

/** Edge labels in `locale`; state names stay as the RFC writes them, so `data-state` marking works in every language. */
export function stateDiagramSource(view: StateView, definition: MachineDefinition = machine, locale: Locale = 'en'): string {
  const spec = STATE_VIEW_SPECS[view];
  const states = stateViewStates(view, definition);
  const lines = ['stateDiagram-v2', `  accTitle: ${spec.title}`, `  accDescr: ${spec.description}`];
  for (const state of states) lines.push(`  state "${state}" as ${mermaidStateId(state)}`);
  const initial = states.includes('CLOSED') && view !== 'resets' ? (view === 'full' || view === 'overview' || view === 'handshake' ? 'CLOSED' : 'ESTABLISHED') : null;
  if (initial && states.includes(initial)) lines.push(`  [*] --> ${mermaidStateId(initial)}`);
  for (const edge of stateViewEdges(view, definition, locale)) {
    const label = spec.compactLabels ? compactEdgeLabel(edge, locale) : edge.lines.map(mermaidLabel).join(LABEL_LINE_BREAK);
    lines.push(`  ${mermaidStateId(edge.from)} --> ${mermaidStateId(edge.to)} : ${label}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * "rcv FIN,ACK of FIN / snd ACK, start 2MSL" is wider than the states it joins; with the action on
 * its own line the overview fits an article column. Parallel transitions that do the same share
 * their action line ("active OPEN (connect)", "SEND", "/ snd SYN"); "/ —" (nothing done) is left out.
 */
function compactEdgeLabel(edge: StateEdge, locale: Locale): string {
  const byAction = new Map<string, string[]>();
  edge.transitions.forEach((transition, index) => {
    const withGuard = edge.lines[index] !== transitionLabel(transition, false, locale);
    const action = transitionAction(transition, locale);
    byAction.set(action, [...(byAction.get(action) ?? []), transitionEvent(transition, withGuard, locale)]);
  });
  const lines = [...byAction].flatMap(([action, events]) => (action === '—' ? events : [...events, `/ ${action}`]));
  return lines.map(mermaidLabel).join(LABEL_LINE_BREAK);
}

/** Labels of one edge; a guard is added only where two transitions on the edge would read the same. */
function edgeLines(transitions: Transition[], locale: Locale): string[] {
  const plain = transitions.map((transition) => transitionLabel(transition, false, locale));
  return transitions.map((transition) => {
    const label = transitionLabel(transition, false, locale);
    return plain.indexOf(label) !== plain.lastIndexOf(label) ? transitionLabel(transition, true, locale) : label;
  });
}
