import { formatSegment } from '../machine/format';
import type { TimerName } from '../machine/types';
import type { TraceEvent } from '../simulator/trace';
import { segmentFlights, type Flight } from './segment-flights';
import { ROW_MIN, timeAxis, type TimeAxis } from './time-axis';

/**
 * The ladder (time-sequence) diagram of a trace as an SVG string: one pure function used at build time (the
 * static ladder that readers without JavaScript see) and in the browser (the simulator redraws it on every step,
 * and "Download SVG" saves it). Time runs down; segments are slanted arrows from the sender's lifeline to the
 * receiver's, labelled with flags, seq, ack and len; a lost segment stops half-way with a ×; timers are bars beside
 * the lifeline, solid for the time elapsed and dashed up to their deadline while they run.
 */
export interface LadderOptions {
  /** The two endpoints, left then right. */
  names: readonly [string, string];
  /** Draw only the first `step` events; the layout still covers the whole trace so the picture does not jump. Default: every event. */
  step?: number;
  /** One-way network delay (ms), to place the × of a lost segment and the tip of an arrow still in flight. */
  delay?: number;
  /** Accessible title of the picture. */
  title?: string;
  /** A self-contained file (xmlns, a background, fixed colours) rather than an inline picture themed by the page. */
  standalone?: boolean;
}

const WIDTH = 720;
const X_LEFT = 232;
const X_RIGHT = 560;
const TOP = 56;
const TIMER_LABELS: Record<TimerName, string> = { retransmission: 'RTO', timeWait: '2MSL', delayedAck: 'delayed ACK' };
const TIMER_ORDER: TimerName[] = ['retransmission', 'timeWait', 'delayedAck'];

/** The virtual time reached after `step` events: the time of the last one shown. */
export function timeAtStep(events: readonly TraceEvent[], step: number): number {
  return step > 0 ? events[Math.min(step, events.length) - 1]!.t : 0;
}

export function renderLadder(events: readonly TraceEvent[], options: LadderOptions): string {
  const { names, delay = 50 } = options;
  const step = Math.max(0, Math.min(options.step ?? events.length, events.length));
  const now = timeAtStep(events, step);
  const axis = timeAxis(
    events.map((event) => event.t),
    TOP,
    ROW_MIN * 2,
  );
  const xOf = (name: string) => (name === names[0] ? X_LEFT : X_RIGHT);
  const shown = (index: number | null) => index !== null && index < step;
  const latest = step - 1;
  const parts: string[] = [];

  parts.push(lifelines(names, axis.height));
  parts.push(timeLabels(axis, step === 0 ? -Infinity : now, step < events.length));
  if (step > 0 && step < events.length) {
    parts.push(`<line class="now-line" x1="70" x2="${WIDTH - 4}" y1="${axis.y(now)}" y2="${axis.y(now)}"/>`);
  }
  parts.push(timerBars(events, step, now, axis, names, xOf));

  for (const flight of segmentFlights(events, names)) {
    parts.push(flightArrow(flight, { shown, latest, now, delay, axis, xOf }));
  }

  const labelsAt = new Map<string, number>();
  events.slice(0, step).forEach((event, index) => {
    if (event.type !== 'state' && event.type !== 'error') return;
    const y = axis.y(event.t);
    const key = `${event.endpoint}@${y}`;
    const stack = labelsAt.get(key) ?? 0;
    labelsAt.set(key, stack + 1);
    const left = event.endpoint === names[0];
    const text = event.type === 'state' ? event.to : `error: ${event.message}`;
    const tooltip = event.type === 'state' ? `${event.endpoint}: ${event.from} → ${event.to} (${event.cause})` : `${event.endpoint}: ${event.message}`;
    const boxWidth = text.length * 7.3 + 12;
    const x = left ? X_LEFT - 10 - boxWidth : X_RIGHT + 10;
    const boxY = y - 9 + stack * 20;
    parts.push(
      `<g class="${event.type === 'state' ? 'state' : 'error'}${index === latest ? ' is-latest is-new' : ''}" data-endpoint="${escapeXml(event.endpoint)}">` +
        `<title>${escapeXml(tooltip)}</title>` +
        `<rect x="${x}" y="${boxY}" width="${boxWidth}" height="18" rx="4"/>` +
        `<text x="${x + boxWidth / 2}" y="${boxY + 13}" text-anchor="middle">${escapeXml(text)}</text></g>`,
    );
  });

  const title = options.title ?? `Ladder diagram: ${names[0]} and ${names[1]}`;
  const description = describe(events.slice(0, step), names);
  const attributes = [
    options.standalone ? 'xmlns="http://www.w3.org/2000/svg"' : '',
    `class="tcp-ladder${options.standalone ? ' is-standalone' : ''}"`,
    `viewBox="0 0 ${WIDTH} ${Math.ceil(axis.height)}"`,
    `width="${WIDTH}"`,
    `height="${Math.ceil(axis.height)}"`,
    'role="img"',
  ].filter(Boolean);
  return (
    `<svg ${attributes.join(' ')}><title>${escapeXml(title)}</title><desc>${escapeXml(description)}</desc>` +
    `<style>${LADDER_CSS}</style>` +
    (options.standalone ? `<rect class="background" width="100%" height="100%"/>` : '') +
    parts.join('') +
    `</svg>`
  );
}

function lifelines(names: readonly [string, string], height: number): string {
  return names
    .map((name, index) => {
      const x = index === 0 ? X_LEFT : X_RIGHT;
      return (
        `<text class="endpoint-name" x="${x}" y="24" text-anchor="middle">${escapeXml(name)}</text>` +
        `<line class="lifeline" x1="${x}" x2="${x}" y1="34" y2="${height - 8}"/>`
      );
    })
    .join('');
}

function timeLabels(axis: TimeAxis, now: number, hideFuture: boolean): string {
  let lastY = -Infinity;
  const labels: string[] = [`<text class="axis-title" x="4" y="24">time</text>`];
  for (const row of axis.rows) {
    if (hideFuture && row.t > now) break;
    if (row.y - lastY < 14) continue;
    lastY = row.y;
    labels.push(`<text class="time" x="4" y="${row.y + 4}">${formatTime(row.t)}</text>`);
  }
  return labels.join('');
}

export function formatTime(t: number): string {
  return t >= 10_000 ? `${(t / 1000).toFixed(t % 1000 === 0 ? 0 : 2)} s` : `${t} ms`;
}

interface TimerSpan {
  endpoint: string;
  name: TimerName;
  start: number;
  startIndex: number;
  deadline: number | null;
  end: number | null;
  endIndex: number | null;
  fired: boolean;
}

/** Joins each timer's start with its stop, its firing or its restart, for the bars beside the lifelines. */
export function timerSpans(events: readonly TraceEvent[]): TimerSpan[] {
  const spans: TimerSpan[] = [];
  const running = new Map<string, TimerSpan>();
  events.forEach((event, index) => {
    if (event.type !== 'timer') return;
    const key = `${event.endpoint}/${event.name}`;
    const open = running.get(key);
    if (open) {
      open.end = event.t;
      open.endIndex = index;
      open.fired = event.action === 'fire';
      running.delete(key);
    }
    if (event.action === 'start') {
      const deadline = event.deadline ?? event.snapshot?.timers?.[event.name] ?? null;
      const span: TimerSpan = {
        endpoint: event.endpoint,
        name: event.name,
        start: event.t,
        startIndex: index,
        deadline: typeof deadline === 'number' ? deadline : null,
        end: null,
        endIndex: null,
        fired: false,
      };
      spans.push(span);
      running.set(key, span);
    }
  });
  return spans;
}

function timerBars(
  events: readonly TraceEvent[],
  step: number,
  now: number,
  axis: TimeAxis,
  names: readonly [string, string],
  xOf: (name: string) => number,
): string {
  return timerSpans(events)
    .filter((span) => span.startIndex < step)
    .map((span) => {
      const inward = span.endpoint === names[0] ? 1 : -1;
      const x = xOf(span.endpoint) + inward * (7 + TIMER_ORDER.indexOf(span.name) * 6);
      const y1 = axis.y(span.start);
      const ended = span.endIndex !== null && span.endIndex < step;
      const solidEnd = ended ? axis.y(span.end!) : axis.y(now);
      const planned = !ended && span.deadline !== null ? `<line class="planned" x1="${x}" x2="${x}" y1="${solidEnd}" y2="${axis.y(span.deadline)}"/>` : '';
      const label = TIMER_LABELS[span.name];
      const labelX = x + inward * 5;
      const title = `${span.endpoint}: ${label} timer started at ${formatTime(span.start)}` + (span.deadline !== null ? `, deadline ${formatTime(span.deadline)}` : '');
      const endMark = ended
        ? span.fired
          ? `<circle class="fired" cx="${x}" cy="${solidEnd}" r="3.5"/>`
          : `<line class="stopped" x1="${x - 3}" x2="${x + 3}" y1="${solidEnd}" y2="${solidEnd}"/>`
        : '';
      return (
        `<g class="timer timer-${span.name}${ended ? '' : ' is-running'}"><title>${escapeXml(title)}</title>` +
        `<line class="elapsed" x1="${x}" x2="${x}" y1="${y1}" y2="${Math.max(solidEnd, y1 + 2)}"/>${planned}${endMark}` +
        `<text class="timer-label" x="${labelX}" y="${y1 + 10}" text-anchor="${inward > 0 ? 'start' : 'end'}">${label}</text></g>`
      );
    })
    .join('');
}

interface FlightContext {
  shown: (index: number | null) => boolean;
  latest: number;
  now: number;
  delay: number;
  axis: TimeAxis;
  xOf: (name: string) => number;
}

function flightArrow(flight: Flight, context: FlightContext): string {
  const { shown, latest, now, delay, axis, xOf } = context;
  const sent = flight.forged ? shown(flight.arrivedIndex) : shown(flight.sentIndex);
  if (!sent) return '';
  const arrived = shown(flight.arrivedIndex);
  const dropped = shown(flight.droppedIndex);
  const x1 = flight.forged ? (X_LEFT + X_RIGHT) / 2 : xOf(flight.from);
  const x2 = xOf(flight.to);
  const startT = flight.forged ? flight.arrivedAt! : flight.sentAt!;
  const y1 = flight.forged ? axis.y(startT) - ROW_MIN * 0.8 : axis.y(startT);
  const fullEndY = flight.arrivedAt !== null ? axis.y(flight.arrivedAt) : axis.y(startT + delay);
  const y2 = Math.max(fullEndY, y1 + 12);

  let fraction: number;
  if (arrived || flight.forged) fraction = 1;
  else if (dropped) fraction = 0.55;
  else {
    const endT = flight.arrivedAt ?? startT + delay;
    fraction = endT > startT ? (now - startT) / (endT - startT) : 0;
    fraction = Math.max(0.12, Math.min(flight.droppedIndex !== null ? 0.55 : 0.96, fraction));
  }
  const tipX = x1 + (x2 - x1) * fraction;
  const tipY = y1 + (y2 - y1) * fraction;
  const isLatest = [flight.sentIndex, flight.arrivedIndex, flight.droppedIndex].includes(latest);
  const classes = [
    'segment',
    xOf(flight.from) === X_LEFT ? 'from-left' : 'from-right',
    dropped ? 'is-lost' : '',
    arrived ? 'is-delivered' : dropped ? '' : 'is-in-flight',
    flight.forged ? 'is-forged' : '',
    flight.duplicate ? 'is-duplicate' : '',
    isLatest ? 'is-latest is-new' : '',
  ].filter(Boolean);
  const label = (flight.forged ? 'forged ' : '') + formatSegment(flight.segment) + (flight.duplicate ? ' (duplicate)' : '') + (dropped ? ' — lost' : '');
  const labelFraction = 0.33;
  const labelX = x1 + (x2 - x1) * labelFraction;
  const labelY = y1 + (y2 - y1) * labelFraction - 5;
  const head = arrived || flight.forged ? arrowHead(x1, y1, tipX, tipY) : '';
  const cross = dropped ? lostMark(tipX, tipY) : '';
  const status = flight.forged ? 'forged, delivered' : arrived ? 'delivered' : dropped ? 'lost in the network' : 'in flight';
  return (
    `<g class="${classes.join(' ')}" data-from="${escapeXml(flight.from)}" data-flags="${flight.segment.flags.join(',')}">` +
    `<title>${escapeXml(`${flight.from} → ${flight.to}: ${formatSegment(flight.segment)} (${status})`)}</title>` +
    `<line class="shaft" pathLength="1" x1="${x1}" y1="${y1}" x2="${tipX}" y2="${tipY}"/>${head}${cross}` +
    `<text class="segment-label" x="${labelX}" y="${labelY}" text-anchor="middle">${escapeXml(label)}</text></g>`
  );
}

function arrowHead(x1: number, y1: number, x2: number, y2: number): string {
  const length = Math.hypot(x2 - x1, y2 - y1) || 1;
  const ux = (x2 - x1) / length;
  const uy = (y2 - y1) / length;
  const size = 9;
  const baseX = x2 - ux * size;
  const baseY = y2 - uy * size;
  const points = [
    [x2, y2],
    [baseX - uy * size * 0.45, baseY + ux * size * 0.45],
    [baseX + uy * size * 0.45, baseY - ux * size * 0.45],
  ];
  return `<polygon class="head" points="${points.map(([x, y]) => `${round(x!)},${round(y!)}`).join(' ')}"/>`;
}

function lostMark(x: number, y: number): string {
  const r = 6;
  return (
    `<g class="lost-mark"><line x1="${x - r}" y1="${y - r}" x2="${x + r}" y2="${y + r}"/>` +
    `<line x1="${x - r}" y1="${y + r}" x2="${x + r}" y2="${y - r}"/></g>`
  );
}

function describe(events: readonly TraceEvent[], names: readonly [string, string]): string {
  const sends = events.filter((event) => event.type === 'send').length;
  const drops = events.filter((event) => event.type === 'drop').length;
  const states = names.map((name) => {
    const last = [...events].reverse().find((event) => event.type === 'state' && event.endpoint === name);
    return `${name} ${last && last.type === 'state' ? last.to : 'CLOSED'}`;
  });
  return `${events.length} events: ${sends} segments sent, ${drops} lost. States: ${states.join(', ')}.`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Colours come from Starlight's theme variables, so the inline ladder follows light and dark mode; the fallbacks
 * are what a downloaded file (no page around it) shows. Motion is limited to a newly drawn arrow, and none at all
 * for readers who ask for reduced motion.
 */
const LADDER_CSS = [
  '.tcp-ladder{max-width:100%;height:auto;font-family:var(--sl-font-system-mono,ui-monospace,SFMono-Regular,Menlo,monospace);font-size:12px;color:var(--sl-color-white,#17181c)}',
  '.tcp-ladder text{fill:currentColor}',
  '.tcp-ladder .background{fill:#fff}',
  '.tcp-ladder .endpoint-name{font-weight:700;font-size:14px}',
  '.tcp-ladder .axis-title,.tcp-ladder .time{fill:var(--sl-color-gray-3,#545861);font-size:11px}',
  '.tcp-ladder .lifeline{stroke:var(--sl-color-gray-4,#888b96);stroke-width:2}',
  '.tcp-ladder .now-line{stroke:var(--sl-color-accent,#4f46e5);stroke-dasharray:2 4;stroke-width:1}',
  '.tcp-ladder .segment .shaft{stroke-width:1.6}',
  '.tcp-ladder .segment.from-left{color:var(--sl-color-blue-high,#1d4ed8)}',
  '.tcp-ladder .segment.from-right{color:var(--sl-color-orange-high,#9a3412)}',
  '.tcp-ladder .segment .shaft{stroke:currentColor}',
  '.tcp-ladder .segment .head{fill:currentColor}',
  '.tcp-ladder .segment.is-in-flight .shaft{stroke-dasharray:6 3}',
  '.tcp-ladder .segment.is-forged{color:var(--sl-color-purple-high,#6b21a8)}',
  '.tcp-ladder .segment.is-forged .shaft,.tcp-ladder .segment.is-duplicate .shaft{stroke-dasharray:3 3}',
  '.tcp-ladder .segment.is-lost{color:var(--sl-color-red-high,#b91c1c)}',
  '.tcp-ladder .lost-mark line{stroke:var(--sl-color-red-high,#b91c1c);stroke-width:3}',
  '.tcp-ladder .segment-label{font-size:11.5px;paint-order:stroke;stroke:var(--sl-color-bg,#fff);stroke-width:4px;stroke-linejoin:round}',
  '.tcp-ladder .segment-label{fill:currentColor}',
  '.tcp-ladder .is-latest .segment-label,.tcp-ladder .is-latest text{font-weight:700}',
  '.tcp-ladder .is-latest .shaft{stroke-width:2.6}',
  '.tcp-ladder .state rect{fill:var(--sl-color-gray-6,#eceef2);stroke:var(--sl-color-gray-3,#545861)}',
  '.tcp-ladder .state.is-latest rect{stroke:var(--sl-color-accent,#4f46e5);stroke-width:2}',
  '.tcp-ladder .state text{font-weight:600}',
  '.tcp-ladder .error rect{fill:var(--sl-color-red-low,#fde8e8);stroke:var(--sl-color-red-high,#b91c1c)}',
  '.tcp-ladder .error text{fill:var(--sl-color-red-high,#b91c1c)}',
  '.tcp-ladder .timer line{stroke-width:3}',
  '.tcp-ladder .timer-retransmission{color:var(--sl-color-red-high,#b91c1c)}',
  '.tcp-ladder .timer-timeWait{color:var(--sl-color-green-high,#166534)}',
  '.tcp-ladder .timer-delayedAck{color:var(--sl-color-purple-high,#6b21a8)}',
  '.tcp-ladder .timer line{stroke:currentColor}',
  '.tcp-ladder .timer .planned{stroke-dasharray:2 3;stroke-width:1.5;opacity:.8}',
  '.tcp-ladder .timer .fired{fill:currentColor}',
  '.tcp-ladder .timer-label{font-size:10px;fill:currentColor}',
  '@keyframes tcp-ladder-draw{from{stroke-dashoffset:1}to{stroke-dashoffset:0}}',
  '@keyframes tcp-ladder-appear{from{opacity:0}to{opacity:1}}',
  '.tcp-ladder .segment.is-new.is-delivered:not(.is-forged):not(.is-duplicate) .shaft{stroke-dasharray:1;animation:tcp-ladder-draw .45s ease-out}',
  '.tcp-ladder .is-new text,.tcp-ladder .is-new .head,.tcp-ladder .is-new rect{animation:tcp-ladder-appear .45s ease-out}',
  '@media (prefers-reduced-motion:reduce){.tcp-ladder *{animation:none!important}}',
].join('');
