import { transitionById } from '../machine/definition';
import { createEndpoint, legalCalls, step, type StepResult, type Tcb } from '../machine/endpoint';
import { formatSegment } from '../machine/format';
import type { Call, EndpointConfig, Input, Output, TimerName } from '../machine/types';
import { startDiagramHighlighter } from './diagram-highlight';
import { TIMER_NAMES } from './event-text';
import { segmentChoices } from './explorer-segments';
import { formatTime } from './time-format';
import { rfcLink } from './rfc-link';
import { highlightState } from './store';

/**
 * The state explorer's behaviour, loaded when it scrolls into view: one endpoint, driven directly through the
 * machine's pure reducer. The reader fires any event; the explorer shows the transition record the reducer took
 * (or the reducer's note on why none applies) and marks the state on the page's state diagrams.
 */
const CONFIG: EndpointConfig = { iss: 1000, msl: 30_000, rto: 1000, synRetries: 6, retries: 15, window: 65_535, mss: 1460 };
const DELAYED_ACK_MS = 200;
/** Virtual time that passes before each call or segment, so timers visibly run down. */
const TICK_MS = 100;

interface HistoryEntry {
  t: number;
  event: string;
  result: StepResult;
  from: Tcb['state'];
}

export function mountStateExplorer(root: HTMLElement): void {
  new StateExplorerController(root);
}

class StateExplorerController {
  private tcb: Tcb = createEndpoint(CONFIG);
  private now = 0;
  private history: HistoryEntry[] = [];

  constructor(private readonly root: HTMLElement) {
    root.querySelector('[data-static]')?.remove();
    this.ref('live').hidden = false;
    startDiagramHighlighter();
    root.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-fire], button[data-action]');
      if (!button || button.disabled) return;
      if (button.dataset.action === 'reset') return this.reset();
      this.fire(button);
    });
    this.ref<HTMLInputElement>('delayed-ack').addEventListener('change', () => this.reset());
    this.render(null);
  }

  private ref<T extends HTMLElement = HTMLElement>(name: string): T {
    const element = this.root.querySelector<T>(`[data-ref="${name}"]`);
    if (!element) throw new Error(`State explorer markup has no [data-ref="${name}"]`);
    return element;
  }

  private reset(): void {
    const delayed = this.ref<HTMLInputElement>('delayed-ack').checked;
    this.tcb = createEndpoint(delayed ? { ...CONFIG, delayedAck: DELAYED_ACK_MS } : CONFIG);
    this.now = 0;
    this.history = [];
    this.render(null);
    this.ref('announce').textContent = `Reset: the endpoint is CLOSED${delayed ? `, with a ${DELAYED_ACK_MS} ms delayed ACK` : ''}.`;
  }

  private fire(button: HTMLButtonElement): void {
    const kind = button.dataset.fire;
    let input: Input;
    let label: string;
    if (kind === 'call') {
      const call = button.dataset.call as Exclude<Call, 'crash'>;
      input = call === 'send' ? { kind: 'call', call, bytes: 100 } : { kind: 'call', call };
      label = call === 'send' ? 'the user sends 100 bytes' : `the user calls ${call}`;
      this.now += TICK_MS;
    } else if (kind === 'segment') {
      const choice = segmentChoices(this.tcb).find((candidate) => candidate.id === button.dataset.segment);
      if (!choice) return;
      input = { kind: 'segment', segment: choice.segment };
      label = `rcv ${formatSegment(choice.segment)}`;
      this.now += TICK_MS;
    } else {
      const timer = button.dataset.timer as TimerName;
      input = { kind: 'timer', timer };
      label = `${TIMER_NAMES[timer]} timer fires`;
      this.now = Math.max(this.now, this.tcb.timers[timer] ?? this.now);
    }
    const from = this.tcb.state;
    let result: StepResult;
    try {
      result = step(this.tcb, input, this.now);
    } catch (error) {
      // A fault in the machine is a bug to report, not a reason to leave the reader with a dead box.
      this.ref('result').textContent = `The machine failed on "${label}": ${error instanceof Error ? error.message : String(error)}`;
      return;
    }
    this.tcb = result.tcb;
    const entry = { t: this.now, event: label, result, from };
    this.history.push(entry);
    this.render(entry);
  }

  private render(latest: HistoryEntry | null): void {
    const { tcb } = this;
    const state = this.ref('state');
    state.textContent = tcb.state;
    state.dataset.state = tcb.state;
    this.ref('time').textContent = formatTime(this.now);
    const synchronized = tcb.state !== 'CLOSED' && tcb.state !== 'LISTEN';
    this.ref('snd-una').textContent = synchronized ? String(tcb.sndUna) : '—';
    this.ref('snd-nxt').textContent = synchronized ? String(tcb.sndNxt) : '—';
    this.ref('rcv-nxt').textContent = tcb.irs === null || tcb.state === 'CLOSED' ? '—' : String(tcb.rcvNxt);
    highlightState('is-current', tcb.state);

    const legal = new Set<string>(legalCalls(tcb));
    for (const button of this.root.querySelectorAll<HTMLButtonElement>('button[data-fire="call"]')) {
      const ok = legal.has(button.dataset.call!);
      button.classList.toggle('is-legal', ok);
      button.title = ok ? 'Allowed in this state' : 'Answered with an error in this state: try it to see which';
    }
    const segments = this.ref('segments');
    // The buttons are rebuilt (their numbers change with the TCB); keyboard focus stays on the same choice.
    const focused = segments.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.segment : undefined;
    segments.replaceChildren(
      ...segmentChoices(tcb).map((choice) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.dataset.fire = 'segment';
        button.dataset.segment = choice.id;
        const name = document.createElement('span');
        name.textContent = choice.label;
        const wire = document.createElement('code');
        wire.textContent = formatSegment(choice.segment);
        button.append(name, wire);
        return button;
      }),
    );
    if (focused) segments.querySelector<HTMLButtonElement>(`button[data-segment="${focused}"]`)?.focus();
    for (const button of this.root.querySelectorAll<HTMLButtonElement>('button[data-fire="timer"]')) {
      const deadline = tcb.timers[button.dataset.timer as TimerName];
      button.disabled = deadline === null;
      const status = button.querySelector('[data-ref="timer-status"]');
      if (status) status.textContent = deadline === null ? 'not running' : `due at ${formatTime(deadline)}`;
    }

    const result = this.ref('result');
    result.replaceChildren(...(latest ? describeResult(latest) : [paragraph('Fire an event: a user call, an arriving segment or a timer.')]));
    if (latest) this.ref('announce').textContent = summary(latest);

    const history = this.ref('history');
    history.replaceChildren(
      ...this.history.map((entry) => {
        const item = document.createElement('li');
        const id = entry.result.transition;
        item.textContent = `${formatTime(entry.t)} · ${entry.event} → ${
          id ? `${entry.from} → ${entry.result.tcb.state} (${id})` : `no transition in ${entry.from}`
        }`;
        return item;
      }),
    );
    this.ref('history-empty').hidden = this.history.length > 0;
  }
}

function summary(entry: HistoryEntry): string {
  const sent = sentSegments(entry.result.outputs);
  const moved = entry.result.transition ? `${entry.from} → ${entry.result.tcb.state}` : `no transition, still ${entry.from}`;
  return `${entry.event}: ${moved}. ${sent.length ? `Sent ${sent.join('; ')}.` : 'Nothing sent.'}`;
}

function sentSegments(outputs: readonly Output[]): string[] {
  return outputs.flatMap((output) => (output.type === 'send' ? [formatSegment(output.segment)] : []));
}

function describeResult(entry: HistoryEntry): HTMLElement[] {
  const { result } = entry;
  const parts: HTMLElement[] = [];
  const heading = document.createElement('p');
  heading.className = 'ex-result-heading';
  if (result.transition) {
    const transition = transitionById(result.transition);
    heading.append(strong(`${entry.from} → ${result.tcb.state}`), ` on ${transition.event}`);
    if (transition.guard) heading.append(` (${transition.guard})`);
    parts.push(heading);
    const meta = document.createElement('p');
    const id = document.createElement('code');
    id.textContent = transition.id;
    meta.append('Transition ', id, ' · ');
    const link = rfcLink(transition.rfc);
    if (link) {
      const anchor = document.createElement('a');
      anchor.href = link.href;
      anchor.textContent = link.text;
      anchor.rel = 'external';
      meta.append(anchor);
    } else meta.append(transition.rfc);
    if (transition.notInFigure5) meta.append(' · not drawn in RFC 9293 Figure 5');
    parts.push(meta);
    if (transition.sends) parts.push(paragraph(`The rule sends: ${transition.sends}`));
    if (transition.note) parts.push(paragraph(transition.note));
  } else {
    heading.append(strong('No transition'), `: ${result.note ?? `nothing applies in ${entry.from}`}`);
    parts.push(heading);
  }
  if (result.transition && result.note) parts.push(paragraph(result.note));

  const list = document.createElement('ul');
  list.className = 'ex-outputs';
  const sent = sentSegments(result.outputs);
  list.append(item(sent.length ? `Sent: ${sent.join('; ')}` : 'Sent: nothing'));
  for (const output of result.outputs) {
    if (output.type === 'timer') {
      list.append(item(`${output.action === 'start' ? 'Starts' : 'Stops'} the ${TIMER_NAMES[output.name]} timer${output.duration ? ` (${formatTime(output.duration)})` : ''}`));
    } else if (output.type === 'error') list.append(item(`Error to the user: "${output.message}"`));
    else if (output.type === 'signal') list.append(item(`Tells the user: ${output.message}`));
    else if (output.type === 'deliver') list.append(item(`Delivers ${output.bytes} bytes to the application`));
  }
  parts.push(list);
  return parts;
}

function paragraph(text: string): HTMLParagraphElement {
  const element = document.createElement('p');
  element.textContent = text;
  return element;
}

function strong(text: string): HTMLElement {
  const element = document.createElement('strong');
  element.textContent = text;
  return element;
}

function item(text: string): HTMLLIElement {
  const element = document.createElement('li');
  element.textContent = text;
  return element;
}
