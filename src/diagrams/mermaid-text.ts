/**
 * Text that goes into a Mermaid label. Mermaid treats `#…;` as an entity, `;` and newlines as
 * statement ends in some diagram types, and `<`/`>` as HTML; RFC notation such as
 * `<SEQ=ISS><CTL=SYN>` is full of them, so every label passes through here.
 */
export function mermaidLabel(text: string): string {
  return text
    .replace(/#/g, '#35;')
    .replace(/;/g, '#59;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/:/g, '#58;')
    .replace(/\s*\n\s*/g, ' ');
}

/** The id Mermaid sees for a state: `SYN-RECEIVED` → `SYN_RECEIVED` (hyphens are not allowed in ids). */
export function mermaidStateId(state: string): string {
  return state.replace(/-/g, '_');
}
