import { currentStates, type HighlightClass } from './store';

/**
 * Mirrors the shared store onto the page's inline state diagrams: the build-time SVGs mark each state node with
 * `data-state="<STATE>"`, and this toggles one class per highlighted endpoint on the matching nodes. There is no
 * second renderer: the diagram the reader sees is the one generated from the machine at build time.
 */
let started = false;

export function startDiagramHighlighter(root: ParentNode = document): void {
  if (started) return;
  started = true;
  let previous: Partial<Record<HighlightClass, string | null>> = {};
  currentStates.subscribe((states) => {
    for (const [className, state] of Object.entries(states) as Array<[HighlightClass, string | null]>) {
      if (previous[className] === state) continue;
      for (const node of root.querySelectorAll(`[data-state].${className}`)) node.classList.remove(className);
      if (state) {
        for (const node of root.querySelectorAll(`[data-state="${CSS.escape(state)}"]`)) node.classList.add(className);
      }
    }
    previous = { ...states };
  });
}
