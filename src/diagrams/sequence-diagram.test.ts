import { describe, expect, it } from 'vitest';
import { formatSegment } from '../machine/format';
import { loadScenario, scenarioNames } from '../simulator/scenario-files';
import { simulate } from '../simulator/simulate';
import type { Trace } from '../simulator/trace';
import { mermaidLabel } from './mermaid-text';
import { segmentArrowCount, SequenceDiagramError, sequenceDiagramSource } from './sequence-diagram';

const ARROW = /^ {2}(P[12])(->>|-x|-->>)(P[12]): (.*)$/gm;

function arrows(source: string) {
  return [...source.matchAll(ARROW)].map(([, from, style, to, label = '']) => ({ from, style, to, label }));
}

function diagramOf(name: string) {
  const scenario = loadScenario(name);
  const names = Object.keys(scenario.endpoints) as [string, string];
  const trace = simulate(scenario);
  return { trace, names, source: sequenceDiagramSource(trace, names) };
}

describe('sequence diagrams of the scenario files', () => {
  it.each(scenarioNames())('%s: one arrow per segment on the wire, each with its seq (and ack when the ACK flag is on)', (name) => {
    const { trace, source } = diagramOf(name);
    const drawn = arrows(source);
    expect(drawn.length).toBe(segmentArrowCount(trace));
    const sends = trace.events.filter((event) => event.type === 'send');
    expect(drawn.length).toBeGreaterThanOrEqual(sends.length);
    for (const arrow of drawn) {
      expect(arrow.label).toMatch(/ seq=\d+/);
      if (/^[A-Z,]*ACK/.test(arrow.label)) expect(arrow.label).toMatch(/ ack=\d+/);
    }
    // Every segment sent appears, in order, by its exact text.
    const labels = drawn.map((arrow) => arrow.label);
    let cursor = 0;
    for (const send of sends) {
      if (send.type !== 'send') continue;
      const found = labels.findIndex((label, index) => index >= cursor && label.startsWith(mermaidLabel(formatSegment(send.segment))));
      expect(found).toBeGreaterThanOrEqual(cursor);
      cursor = found + 1;
    }
  });

  it.each(scenarioNames())('%s: every state change is a note over its endpoint', (name) => {
    const { trace, source } = diagramOf(name);
    for (const event of trace.events) {
      if (event.type === 'state') expect(source).toContain(`${event.from} → ${event.to}`);
    }
  });

  it('lost-syn: the first SYN ends in a cross and is marked lost; its retransmission arrives', () => {
    const drawn = arrows(diagramOf('lost-syn').source);
    expect(drawn[0]).toEqual({ from: 'P1', style: '-x', to: 'P2', label: 'SYN seq=1000 len=0 (lost)' });
    expect(drawn[1]).toEqual({ from: 'P1', style: '->>', to: 'P2', label: 'SYN seq=1000 len=0' });
  });

  it('lost-syn: the retransmission timeout is a note with its time', () => {
    // Long notes are wrapped over several lines; the words must still read in order.
    expect(diagramOf('lost-syn').source.replaceAll('<br/>', ' ').replaceAll('\u00a0', ' ')).toContain('t=1000 ms#58; retransmission timeout');
  });

  it('normal-open-close: a wrapped note never separates a time from its unit ("10000" then "ms" on the next line)', () => {
    const noteLines = [...diagramOf('normal-open-close').source.matchAll(/^ {2}Note over \w+: (.*)$/gm)].flatMap((match) => match[1]!.split('<br/>'));
    expect(noteLines.some((line) => line.includes('10000\u00a0ms'))).toBe(true);
    for (const line of noteLines) expect(line).not.toMatch(/^ms\b/);
  });

  it('rst-injection-inexact: the forged RST comes from the peer side, dashed, and the challenge ACK follows', () => {
    const drawn = arrows(diagramOf('rst-injection-inexact').source);
    const forged = drawn.findIndex((arrow) => arrow.label.includes('(injected)'));
    expect(drawn[forged]).toMatchObject({ from: 'P1', style: '-->>', to: 'P2' });
    expect(drawn[forged]?.label.startsWith('RST ')).toBe(true);
    expect(drawn[forged + 1]).toMatchObject({ from: 'P2', to: 'P1', style: '->>' });
  });

  it('names the two endpoints as the scenario does', () => {
    const { source, names } = diagramOf('simultaneous-open');
    expect(source).toContain(`participant P1 as ${names[0]}`);
    expect(source).toContain(`participant P2 as ${names[1]}`);
  });
});

describe('bad traces', () => {
  const trace: Trace = {
    events: [{ t: 0, endpoint: 'mallory', type: 'state', from: 'CLOSED', to: 'LISTEN', cause: 'listen' }],
    final: {},
  };

  it('an event from an endpoint that is not in the diagram is named in the error', () => {
    expect(() => sequenceDiagramSource(trace, ['client', 'server'])).toThrow(
      new SequenceDiagramError('sequence diagram: events[0] names endpoint "mallory", expected "client" or "server"'),
    );
  });

  it('two endpoints with one name are refused', () => {
    expect(() => sequenceDiagramSource(trace, ['client', 'client'])).toThrow(SequenceDiagramError);
  });
});
