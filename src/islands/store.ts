import type { State } from '../machine/types';
import { atom } from './atom';

/**
 * The one store the islands of a page share: which state each running endpoint is in, keyed by the CSS class
 * that marks it on the page's build-time state diagrams (`is-current-a`, `is-current-b` for the simulator's two
 * endpoints, `is-current` for the state explorer's one). The diagram highlighter is its only reader, so an island
 * never touches another component's SVG directly.
 */
export type HighlightClass = 'is-current' | 'is-current-a' | 'is-current-b';

export const currentStates = atom<Partial<Record<HighlightClass, State | null>>>({});

/** Marks `state` (or nothing, with null) with `className` on every state diagram of the page. */
export function highlightState(className: HighlightClass, state: State | null): void {
  const current = currentStates.get();
  if (current[className] === state) return;
  currentStates.set({ ...current, [className]: state });
}
