/**
 * What happens to Mermaid's SVG after rendering. Mermaid names every id after the render id
 * (`tcplab-render-3`, `tcplab-render-3_stateDiagram-barbEnd`, …). We cache renders with a
 * placeholder id, then give each diagram its own id (`diagram-<name>`) so several inline
 * diagrams on one page never collide.
 *
 * Two outputs per diagram:
 * - standalone (`/diagrams/<name>.svg`): Mermaid's own light style kept, for downloading and citing;
 * - inline (in the HTML): Mermaid's <style> removed, the site's CSS colours it from Starlight's
 *   variables, so it follows light and dark mode without a second render.
 * Both mark every state node with `data-state="<STATE>"` for the islands.
 */
import { parse } from 'node-html-parser';
import { STATES, type State } from '../machine/types';
import { mermaidStateId } from './mermaid-text';

export const ID_PLACEHOLDER = '__DIAGRAM_ID__';

export class SvgPostprocessError extends Error {}

/** Replaces a render id (and every id derived from it) by the placeholder; `tcplab-render-1` never matches inside `tcplab-render-12`. */
export function withPlaceholderId(svg: string, renderId: string): string {
  return svg.replace(new RegExp(`${escapeRegExp(renderId)}(?![0-9])`, 'g'), ID_PLACEHOLDER);
}

export function diagramDomId(name: string): string {
  // Mermaid's <style> selects `#<id> .node`: a dot (`state-full.zh-cn`) would read as a class there.
  return `diagram-${name.replace(/\./g, '-')}`;
}

export function standaloneSvg(cachedSvg: string, name: string, states: readonly State[]): string {
  const svg = markStates(withoutBulk(cachedSvg.replaceAll(ID_PLACEHOLDER, diagramDomId(name))), name, states);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
}

export function inlineSvg(cachedSvg: string, name: string, states: readonly State[]): string {
  const svg = withoutBulk(cachedSvg.replaceAll(ID_PLACEHOLDER, diagramDomId(name))).replace(/<style>[\s\S]*?<\/style>/, '');
  return markStates(svg, name, states);
}

/**
 * Bytes nobody reads: `data-points` repeats every edge's geometry in base64 for Mermaid's editor,
 * and sequence diagrams carry icon symbols (computer, database, clock) for actor shapes we never use.
 */
function withoutBulk(svg: string): string {
  return svg
    .replace(/ data-points="[^"]*"/g, '')
    .replace(/<defs><symbol id="([^"]+)"[\s\S]*?<\/symbol><\/defs>/g, (symbol, id: string) => (svg.includes(`#${id}"`) || svg.includes(`#${id})`) ? symbol : ''));
}

/**
 * Adds `data-state` to each state node. Mermaid writes a node as
 * `<g class="node statediagram-state" id="<svg id>-state-SYN_SENT-4">…<p>SYN-SENT</p>…</g>`;
 * we accept a node only when its id and its label agree, and fail loudly when a state the
 * diagram draws has no node (a Mermaid upgrade that changed its output must not pass silently).
 */
export function markStates(svg: string, name: string, states: readonly State[]): string {
  const root = parse(svg);
  const marked = new Set<State>();
  let result = svg;
  for (const node of root.querySelectorAll('g.node')) {
    const id = node.getAttribute('id');
    const label = node.textContent.trim();
    if (!id || !isState(label)) continue;
    if (!new RegExp(`-state-${mermaidStateId(label)}-\\d+$`).test(id)) {
      throw new SvgPostprocessError(`diagram ${name}: node ${id} is labelled "${label}" but its id names another state`);
    }
    const openTag = `id="${id}"`;
    if (result.split(openTag).length !== 2) throw new SvgPostprocessError(`diagram ${name}: node id ${id} is not unique`);
    result = result.replace(openTag, `${openTag} data-state="${label}"`);
    marked.add(label);
  }
  const missing = states.filter((state) => !marked.has(state));
  if (missing.length > 0) {
    throw new SvgPostprocessError(`diagram ${name}: no node found for ${missing.join(', ')} in Mermaid's SVG (did its output format change?)`);
  }
  return result;
}

function isState(text: string): text is State {
  return (STATES as readonly string[]).includes(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Width and height from the viewBox, for the component's layout. */
export function svgSize(svg: string): { width: number; height: number } {
  const match = /viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"/.exec(svg);
  if (!match) throw new SvgPostprocessError('rendered SVG has no viewBox');
  return { width: Math.round(Number(match[1])), height: Math.round(Number(match[2])) };
}
