import { describe, expect, it } from 'vitest';
import { ID_PLACEHOLDER, inlineSvg, markStates, standaloneSvg, SvgPostprocessError, withPlaceholderId } from './svg-postprocess';

/** The shape of Mermaid 12's stateDiagram-v2 output, cut down to two states. */
const RENDERED = [
  '<svg id="tcplab-render-1" viewBox="0 0 200 100"><style>#tcplab-render-1 .node rect{fill:#eee;}</style>',
  '<g class="root"><g class="edges edgePaths"><path id="tcplab-render-1-edge0" data-points="W3sieCI6MzA0fV0=" marker-end="url(#tcplab-render-1_stateDiagram-barbEnd)"/></g>',
  '<g class="nodes">',
  '<g class="node  statediagram-state" id="tcplab-render-1-state-SYN_SENT-4"><rect/><foreignObject><div><span class="nodeLabel"><p>SYN-SENT</p></span></div></foreignObject></g>',
  '<g class="node  statediagram-state" id="tcplab-render-1-state-TIME_WAIT-2"><rect/><foreignObject><div><span class="nodeLabel"><p>TIME-WAIT</p></span></div></foreignObject></g>',
  '<g class="node default" id="tcplab-render-1-state-root_start-0"><circle class="state-start"/></g>',
  '</g></g><g id="tcplab-render-12-unrelated"/></svg>',
].join('');

describe('ids', () => {
  it('replaces the render id and every id derived from it, but not a longer render id', () => {
    const cached = withPlaceholderId(RENDERED, 'tcplab-render-1');
    expect(cached).toContain(`id="${ID_PLACEHOLDER}-state-SYN_SENT-4"`);
    expect(cached).toContain(`url(#${ID_PLACEHOLDER}_stateDiagram-barbEnd)`);
    expect(cached).toContain('tcplab-render-12-unrelated');
    expect(cached).not.toMatch(/tcplab-render-1(?!\d)/);
  });

  it('gives each published diagram its own id, so two diagrams on one page never collide', () => {
    const cached = withPlaceholderId(RENDERED, 'tcplab-render-1');
    const svg = inlineSvg(cached, 'state-teardown', ['SYN-SENT', 'TIME-WAIT']);
    expect(svg).toContain('id="diagram-state-teardown"');
    expect(svg).toContain('id="diagram-state-teardown-state-TIME_WAIT-2"');
    expect(svg).not.toContain(ID_PLACEHOLDER);
  });
});

describe('state marks', () => {
  const cached = withPlaceholderId(RENDERED, 'tcplab-render-1');

  it('marks each state node with data-state, spelled as the RFC spells it', () => {
    const svg = inlineSvg(cached, 'state-x', ['SYN-SENT', 'TIME-WAIT']);
    expect(svg).toContain('id="diagram-state-x-state-SYN_SENT-4" data-state="SYN-SENT"');
    expect(svg).toContain('id="diagram-state-x-state-TIME_WAIT-2" data-state="TIME-WAIT"');
    expect(svg.match(/data-state=/g)).toHaveLength(2);
  });

  it('fails loudly when a state the diagram draws has no node', () => {
    expect(() => markStates(cached, 'state-x', ['SYN-SENT', 'TIME-WAIT', 'LAST-ACK'])).toThrow(
      new SvgPostprocessError(`diagram state-x: no node found for LAST-ACK in Mermaid's SVG (did its output format change?)`),
    );
  });

  it('refuses a node whose id and label name different states', () => {
    const lying = cached.replace('<p>SYN-SENT</p>', '<p>LISTEN</p>');
    expect(() => markStates(lying, 'state-x', [])).toThrow(/labelled "LISTEN" but its id names another state/);
  });
});

describe('the two outputs', () => {
  const cached = withPlaceholderId(RENDERED, 'tcplab-render-1');

  it('the inline copy drops Mermaid style and editor data: the site CSS colours it for light and dark', () => {
    const svg = inlineSvg(cached, 'state-x', []);
    expect(svg).not.toContain('<style>');
    expect(svg).not.toContain('data-points');
  });

  it('the downloadable file keeps Mermaid style and is an XML document', () => {
    const svg = standaloneSvg(cached, 'state-x', ['SYN-SENT']);
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
    expect(svg).toContain('<style>#diagram-state-x .node rect');
  });
});
