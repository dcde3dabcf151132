import { formatSegment } from '../machine/format';
import type { TimerName } from '../machine/types';
import type { ErrorEvent, StateEvent, TraceEvent } from '../simulator/trace';
import { segmentFlights, type Flight } from './segment-flights';
import { formatTime } from './time-format';
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
  /** Draw only the first `shown` events; the layout still covers the whole trace so the picture does not jump. Default: every event. */
  shown?: number;
  /** One-way network delay (ms), to place the × of a lost segment and the tip of an arrow still in flight. */
  delay?: number;
  /** Events from this index on (up to `shown`) are the latest step's, drawn bold. Default: the last event shown. */
  latestFrom?: number;
  /** Accessible title of the picture. */
  title?: string;
  /** A self-contained file (xmlns, a white background) rather than an inline picture themed by the page. */
  standalone?: boolean;
  /** CSS to embed in the SVG (ladder.css, for a downloaded file); an inline ladder uses the page's stylesheet. */
  css?: string;
  /** The words of state changes and errors in the page's language (default: the trace's own English). */
  words?: LadderWords;
}

/** How a ladder says a state change (its tooltip) and an error (its label and tooltip). */
export interface LadderWords {
  stateTooltip(event: StateEvent): string;
  errorLabel(event: ErrorEvent): string;
  errorTooltip(event: ErrorEvent): string;
}

const ENGLISH_WORDS: LadderWords = {
  stateTooltip: (event) => `${event.endpoint}: ${event.from} → ${event.to} (${event.cause})`,
  errorLabel: (event) => `error: ${event.message}`,
  errorTooltip: (event) => `${event.endpoint}: ${event.message}`,
};

/** Width of a label in the ladder's font: CJK and full-width characters take about twice a Latin one. */
function labelWidth(text: string, latin: number): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char) ? 12.5 : latin;
  return width;
}

const WIDTH = 780;
const X_LEFT = 236;
const X_RIGHT = 588;
const TOP = 56;
const TIMER_LABELS: Record<TimerName, string> = { retransmission: 'RTO', timeWait: '2MSL', delayedAck: 'delayed ACK' };
const TIMER_ORDER: TimerName[] = ['retransmission', 'timeWait', 'delayedAck'];

/** The virtual time reached once `shown` events have happened: the time of the last one. */
export function timeAfter(events: readonly TraceEvent[], shown: number): number {
  return shown > 0 ? events[Math.min(shown, events.length) - 1]!.t : 0;
}

export function renderLadder(events: readonly TraceEvent[], options: LadderOptions): string {
  const { names, delay = 50, words = ENGLISH_WORDS } = options;
  const count = Math.max(0, Math.min(options.shown ?? events.length, events.length));
  const now = timeAfter(events, count);
  const latestFrom = options.latestFrom ?? count - 1;
  const axis = timeAxis(
    events.map((event) => event.t),
    TOP,
    ROW_MIN * 2,
  );
  const xOf = (name: string) => (name === names[0] ? X_LEFT : X_RIGHT);
  const shown = (index: number | null) => index !== null && index < count;
  const isLatest = (index: number | null) => index !== null && index >= latestFrom && index < count;
  const parts: string[] = [];

  parts.push(lifelines(names, axis.height));
  parts.push(timeLabels(axis, count === 0 ? -Infinity : now, count < events.length));
  if (count > 0 && count < events.length) {
    parts.push(`<line class="now-line" x1="70" x2="${WIDTH - 4}" y1="${axis.y(now)}" y2="${axis.y(now)}"/>`);
  }
  parts.push(timerBars(events, count, now, axis, names, xOf));

  const flights = segmentFlights(events, names);
  flights.forEach((flight, index) => {
    // Segments sent together (data split at the MSS) are drawn as parallel arrows, each a little lower.
    const parallel = flights
      .slice(0, index)
      .filter((other) => !other.forged && !flight.forged && other.from === flight.from && other.sentAt === flight.sentAt && !other.duplicate).length;
    const crossed = crossesAnother(flight, flights, delay);
    parts.push(flightArrow(flight, { shown, isLatest, now, delay, axis, xOf, crossed, offset: parallel * 14 }));
  });

  const labelsAt = new Map<string, number>();
  events.slice(0, count).forEach((event, index) => {
    if (event.type !== 'state' && event.type !== 'error') return;
    const y = axis.y(event.t);
    const key = `${event.endpoint}@${y}`;
    const stack = labelsAt.get(key) ?? 0;
    labelsAt.set(key, stack + 1);
    const left = event.endpoint === names[0];
    const text = event.type === 'state' ? event.to : words.errorLabel(event);
    const tooltip = event.type === 'state' ? words.stateTooltip(event) : words.errorTooltip(event);
    const boxWidth = round(labelWidth(text, event.type === 'state' ? 7.3 : 6.7) + 12);
    const x = round(left ? X_LEFT - 10 - boxWidth : X_RIGHT + 10);
    const boxY = y - 9 + stack * 20;
    parts.push(
      `<g class="${event.type === 'state' ? 'state' : 'error'}${isLatest(index) ? ' is-latest is-new' : ''}" data-endpoint="${escapeXml(event.endpoint)}">` +
        `<title>${escapeXml(tooltip)}</title>` +
        `<rect x="${x}" y="${boxY}" width="${boxWidth}" height="18" rx="4"/>` +
        `<text x="${round(x + boxWidth / 2)}" y="${boxY + 13}" text-anchor="middle">${escapeXml(text)}</text></g>`,
    );
  });

  const title = options.title ?? `Ladder diagram: ${names[0]} and ${names[1]}`;
  const description = describe(events.slice(0, count), names);
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
    (options.css ? `<style><![CDATA[\n${options.css.replace(/]]>/g, '')}\n]]></style>` : '') +
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
  count: number,
  now: number,
  axis: TimeAxis,
  names: readonly [string, string],
  xOf: (name: string) => number,
): string {
  return timerSpans(events)
    .filter((span) => span.startIndex < count)
    .map((span) => {
      const inward = span.endpoint === names[0] ? 1 : -1;
      const x = xOf(span.endpoint) + inward * (7 + TIMER_ORDER.indexOf(span.name) * 6);
      const y1 = axis.y(span.start);
      const ended = span.endIndex !== null && span.endIndex < count;
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
  isLatest: (index: number | null) => boolean;
  now: number;
  delay: number;
  axis: TimeAxis;
  xOf: (name: string) => number;
  /** Arrows crossing mid-air (simultaneous open or close): labels move toward their senders, one above and one below. */
  crossed: boolean;
  /** Extra downward shift in px for a segment sent at the same moment as an earlier one. */
  offset: number;
}

/** True for an arrow that one in the other direction crosses mid-air. */
function crossesAnother(flight: Flight, flights: readonly Flight[], delay: number): boolean {
  if (flight.forged) return false;
  const span = (candidate: Flight) => [candidate.sentAt!, candidate.arrivedAt ?? candidate.sentAt! + delay] as const;
  const [start, end] = span(flight);
  return flights.some((other) => {
    if (other === flight || other.forged || other.from === flight.from) return false;
    const [otherStart, otherEnd] = span(other);
    return otherStart < end && start < otherEnd;
  });
}

function flightArrow(flight: Flight, context: FlightContext): string {
  const { shown, isLatest, now, delay, axis, xOf, crossed, offset } = context;
  const sent = flight.forged ? shown(flight.arrivedIndex) : shown(flight.sentIndex);
  if (!sent) return '';
  const arrived = shown(flight.arrivedIndex);
  const dropped = shown(flight.droppedIndex);
  const x1 = flight.forged ? (X_LEFT + X_RIGHT) / 2 : xOf(flight.from);
  const x2 = xOf(flight.to);
  const startT = flight.forged ? flight.arrivedAt! : flight.sentAt!;
  const y1 = flight.forged ? round(axis.y(startT) - ROW_MIN * 0.8) : axis.y(startT) + offset;
  const fullEndY = (flight.arrivedAt !== null ? axis.y(flight.arrivedAt) : axis.y(startT + delay)) + offset;
  const y2 = Math.max(fullEndY, y1 + 12);

  let fraction: number;
  if (arrived || flight.forged) fraction = 1;
  else if (dropped) fraction = 0.55;
  else {
    const endT = flight.arrivedAt ?? startT + delay;
    fraction = endT > startT ? (now - startT) / (endT - startT) : 0;
    fraction = Math.max(0.12, Math.min(flight.droppedIndex !== null ? 0.55 : 0.96, fraction));
  }
  const tipX = round(x1 + (x2 - x1) * fraction);
  const tipY = round(y1 + (y2 - y1) * fraction);
  const latest = [flight.sentIndex, flight.arrivedIndex, flight.droppedIndex].some(isLatest);
  const classes = [
    'segment',
    xOf(flight.from) === X_LEFT ? 'from-left' : 'from-right',
    dropped ? 'is-lost' : '',
    arrived ? 'is-delivered' : dropped ? '' : 'is-in-flight',
    flight.forged ? 'is-forged' : '',
    flight.duplicate ? 'is-duplicate' : '',
    latest ? 'is-latest is-new' : '',
  ].filter(Boolean);
  const label = (flight.forged ? 'forged ' : '') + formatSegment(flight.segment) + (flight.duplicate ? ' (duplicate)' : '') + (dropped ? ' — lost' : '');
  // The label runs along the middle of the whole path (even while the segment is in flight or once it is lost),
  // above the line. Two arrows crossing mid-air would put their labels on one spot: there each label moves toward
  // its sender, the left one's above its line and the right one's below.
  const angle = round((Math.atan2(y2 - y1, x2 - x1) * 180) / Math.PI + (x2 < x1 ? 180 : 0));
  const along = crossed ? 0.32 : 0.5;
  const anchorX = round(x1 + (x2 - x1) * along);
  const anchorY = round(y1 + (y2 - y1) * along);
  const below = crossed && x2 < x1;
  const labelY = round(anchorY + (below ? 13 : -5));
  const ahead = !arrived && !dropped && !flight.forged ? `<line class="ahead" x1="${tipX}" y1="${tipY}" x2="${x2}" y2="${y2}"/>` : '';
  const head = arrived || flight.forged ? arrowHead(x1, y1, tipX, tipY) : '';
  const cross = dropped ? lostMark(tipX, tipY) : '';
  const status = flight.forged ? 'forged, delivered' : arrived ? 'delivered' : dropped ? 'lost in the network' : 'in flight';
  return (
    `<g class="${classes.join(' ')}" data-from="${escapeXml(flight.from)}" data-flags="${flight.segment.flags.join(',')}">` +
    `<title>${escapeXml(`${flight.from} → ${flight.to}: ${formatSegment(flight.segment)} (${status})`)}</title>` +
    `<line class="shaft" pathLength="1" x1="${x1}" y1="${y1}" x2="${tipX}" y2="${tipY}"/>${ahead}${head}${cross}` +
    labelText(label, anchorX, labelY, crossed ? (below ? 'down' : 'up') : 'one-line', `rotate(${angle} ${anchorX} ${anchorY})`) +
    `</g>`
  );
}

/** A segment label, on one line, or on two (flags, then numbers) stacked away from the line when space is short. */
function labelText(label: string, x: number, y: number, layout: 'one-line' | 'up' | 'down', transform: string): string {
  const open = `<text class="segment-label" x="${x}" y="${y}" text-anchor="middle" transform="${transform}">`;
  const split = label.indexOf(' seq=');
  if (layout === 'one-line' || split === -1) return `${open}${escapeXml(label)}</text>`;
  const first = escapeXml(label.slice(0, split));
  const second = escapeXml(label.slice(split + 1));
  return layout === 'up'
    ? `${open}<tspan x="${x}" dy="-13">${first}</tspan><tspan x="${x}" dy="13">${second}</tspan></text>`
    : `${open}<tspan x="${x}" dy="0">${first}</tspan><tspan x="${x}" dy="13">${second}</tspan></text>`;
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
