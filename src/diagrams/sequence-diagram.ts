/**
 * Mermaid `sequenceDiagram` source generated from a simulator trace: one arrow per segment put
 * on the wire, labelled with its flags, seq and ack; a lost segment ends in a cross (`-x`);
 * state changes, timers and refused calls are notes over the endpoint they happen to.
 * Arrows are drawn when the segment is sent, so crossing segments (simultaneous open) read
 * in the order they left.
 */
import { formatSegment } from '../machine/format';
import type { SegmentEvent, Trace, TraceEvent } from '../simulator/trace';
import { mermaidLabel } from './mermaid-text';

export interface SequenceDiagramOptions {
  /** accTitle of the diagram (read by screen readers). */
  title?: string;
  /** accDescr of the diagram. */
  description?: string;
}

export class SequenceDiagramError extends Error {}

/** Characters per note line: Mermaid sizes notes to their longest line and does not wrap around `<br/>`. */
const NOTE_WIDTH = 30;

/** Joins a number to its unit so a note never ends a line on "10000" and starts the next with "ms". */
const NO_BREAK_SPACE = '\u00a0';

function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/[ \t\n]+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export function sequenceDiagramSource(trace: Trace, names: [string, string], options: SequenceDiagramOptions = {}): string {
  const [first, second] = names;
  if (first === second) throw new SequenceDiagramError(`sequence diagram: the two endpoints must differ (got "${first}" twice)`);
  const alias = new Map([
    [first, 'P1'],
    [second, 'P2'],
  ]);
  const participant = (endpoint: string, where: string): string => {
    const id = alias.get(endpoint);
    if (!id) throw new SequenceDiagramError(`sequence diagram: ${where} names endpoint "${endpoint}", expected "${first}" or "${second}"`);
    return id;
  };
  const peerOf = (endpoint: string): string => (endpoint === first ? second : first);

  const lines = ['sequenceDiagram'];
  if (options.title) lines.push(`  accTitle: ${options.title}`);
  if (options.description) lines.push(`  accDescr: ${options.description.replace(/\s*\n\s*/g, ' ')}`);
  lines.push(`  participant P1 as ${mermaidLabel(first)}`, `  participant P2 as ${mermaidLabel(second)}`);

  const lost = droppedSegmentIds(trace.events);
  const delivered = new Set<number>();
  let pendingNote: { endpoint: string; t: number; lines: string[] } | null = null;
  const flushNote = () => {
    // Mermaid stacks notes and arrows vertically, so a note over its lifeline never covers an arrow, and the
    // diagram stays narrow enough to read in the article column.
    if (pendingNote) lines.push(`  Note over ${alias.get(pendingNote.endpoint)}: ${pendingNote.lines.join('<br/>')}`);
    pendingNote = null;
  };
  // Consecutive notes over the same endpoint at the same time become one box: the ladder stays short.
  const note = (endpoint: string, t: number, text: string) => {
    if (pendingNote && (pendingNote.endpoint !== endpoint || pendingNote.t !== t)) flushNote();
    pendingNote ??= { endpoint, t, lines: [] };
    pendingNote.lines.push(...wrapWords(text, NOTE_WIDTH).map(mermaidLabel));
  };
  const arrow = (from: string, to: string, style: '->>' | '-x' | '-->>', text: string) => {
    flushNote();
    lines.push(`  ${from}${style}${to}: ${mermaidLabel(text)}`);
  };

  trace.events.forEach((event, index) => {
    const where = `events[${index}]`;
    const self = participant(event.endpoint, where);
    switch (event.type) {
      case 'send': {
        const isLost = event.id !== undefined ? lost.has(event.id) : isDroppedWithoutId(trace.events, index);
        const label = `${formatSegment(event.segment)}${isLost ? ' (lost)' : ''}`;
        arrow(self, participant(peerOf(event.endpoint), where), isLost ? '-x' : '->>', label);
        break;
      }
      case 'receive': {
        if (event.injected) {
          arrow(participant(peerOf(event.endpoint), where), self, '-->>', `${formatSegment(event.segment)} (injected)`);
        } else if (event.id !== undefined && delivered.has(event.id)) {
          arrow(participant(peerOf(event.endpoint), where), self, '-->>', `${formatSegment(event.segment)} (duplicate)`);
        }
        if (event.id !== undefined) delivered.add(event.id);
        // The simulator joins a scenario's comment and the machine's reason with "; ": one line each.
        for (const part of event.note?.split(/;\s+/) ?? []) note(event.endpoint, event.t, part);
        break;
      }
      case 'drop':
        break;
      case 'state':
        note(event.endpoint, event.t, `${event.from} → ${event.to}`);
        break;
      case 'timer':
        note(event.endpoint, event.t, timerNote(event));
        break;
      case 'error':
        note(event.endpoint, event.t, `error: ${event.message}`);
        break;
    }
  });
  flushNote();
  return `${lines.join('\n')}\n`;
}

/** How many arrows `sequenceDiagramSource` draws for a trace: one per segment on the wire. */
export function segmentArrowCount(trace: Trace): number {
  const seen = new Set<number>();
  let count = 0;
  for (const event of trace.events) {
    if (event.type === 'send') count += 1;
    if (event.type !== 'receive') continue;
    if (event.injected || (event.id !== undefined && seen.has(event.id))) count += 1;
    if (event.id !== undefined) seen.add(event.id);
  }
  return count;
}

function timerNote(event: Extract<TraceEvent, { type: 'timer' }>): string {
  const name = event.name === 'timeWait' ? '2MSL (TIME-WAIT)' : event.name === 'delayedAck' ? 'delayed-ACK' : event.name;
  if (event.action === 'fire') return `t=${event.t}${NO_BREAK_SPACE}ms: ${name} timeout`;
  if (event.action === 'start' && event.deadline !== undefined) return `${name} timer: ${event.deadline - event.t}${NO_BREAK_SPACE}ms`;
  return `${name} timer ${event.action}`;
}

function droppedSegmentIds(events: TraceEvent[]): Set<number> {
  return new Set(
    events.filter((event): event is SegmentEvent => event.type === 'drop' && event.id !== undefined).map((event) => event.id as number),
  );
}

/** Traces without segment ids: a drop is the sender's next drop event carrying the same segment. */
function isDroppedWithoutId(events: TraceEvent[], sendIndex: number): boolean {
  const send = events[sendIndex] as SegmentEvent;
  const same = (event: TraceEvent) =>
    event.type === send.type ? false : (event as SegmentEvent).segment !== undefined && formatSegment((event as SegmentEvent).segment) === formatSegment(send.segment);
  const next = events.slice(sendIndex + 1).find((event) => event.endpoint === send.endpoint && (event.type === 'drop' || event.type === 'send') && same(event));
  return next?.type === 'drop';
}
