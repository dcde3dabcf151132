import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sequenceDiagramSource } from '../diagrams/sequence-diagram';
import { renderLadder } from '../islands/ladder';
import { replayCapture } from './replay-capture';
import { replayTrace } from './replay-trace';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const load = (name: string) => replayCapture(new Uint8Array(readFileSync(`${FIXTURES}${name}.pcap`))).replays[0]!;

describe('a replay as a trace for the ladder and Mermaid', () => {
  it('sends and receives every segment, with the state changes where they happen', () => {
    const replay = load('normal-open-close');
    const { trace, names, eventsAfter } = replayTrace(replay);
    expect(names).toEqual([replay.client, replay.server]);
    expect(trace.events.filter((e) => e.type === 'send')).toHaveLength(replay.timeline.length);
    expect(trace.events.filter((e) => e.type === 'receive')).toHaveLength(replay.timeline.length);
    const changes = (name: string) => trace.events.filter((e) => e.type === 'state' && e.endpoint === name).map((e) => (e.type === 'state' ? e.to : ''));
    expect(changes(replay.client!)).toEqual(replay.states[replay.client!]);
    expect(changes(replay.server!)).toEqual(replay.states[replay.server!]);
    expect(trace.final).toEqual(replay.final);
    expect(eventsAfter.at(-1)).toBe(trace.events.length);
    expect(trace.events.every((e, i) => i === 0 || e.t >= trace.events[i - 1]!.t)).toBe(true);
  });

  it('lets crossing FINs arrive after the other side sent its own (simultaneous close)', () => {
    const replay = load('simultaneous-close');
    const { trace } = replayTrace(replay);
    const fins = trace.events.filter((e) => (e.type === 'send' || e.type === 'receive') && e.segment.flags.includes('FIN')).map((e) => e.type);
    expect(fins).toEqual(['send', 'send', 'receive', 'receive']);
  });

  it('draws as a ladder and exports as a Mermaid sequence diagram', () => {
    const replay = load('rst-linger');
    const { trace, names } = replayTrace(replay);
    const svg = renderLadder(trace.events, { names });
    expect(svg).toContain('RST,ACK seq=6 ack=1 len=0');
    const mermaid = sequenceDiagramSource(trace, names);
    expect(mermaid.split('\n').filter((line) => line.includes('->>'))).toHaveLength(replay.timeline.length);
    expect(mermaid).toContain('ESTABLISHED → CLOSED');
  });

  it('lays a capture without timestamps out one millisecond per segment', () => {
    const text = readFileSync(`${FIXTURES}half-close.txt`, 'utf8').replace(/^\S+ /gm, '');
    const replay = replayCapture(text).replays[0]!;
    const sends = replayTrace(replay).trace.events.filter((e) => e.type === 'send').map((e) => e.t);
    expect(sends).toEqual(sends.map((_, i) => i));
  });

  it('draws a window of a long capture', () => {
    const replay = load('zero-window');
    const { trace, eventsAfter } = replayTrace(replay, 10, 20);
    expect(trace.events.filter((e) => e.type === 'send')).toHaveLength(10);
    expect(eventsAfter).toHaveLength(10);
    expect(trace.events[0]!.t).toBe(0);
  });
});
