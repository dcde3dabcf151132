import { transitionById } from '../machine/definition';
import { DEFAULT_ISS, ENDPOINT_DEFAULTS } from '../machine/defaults';
import { createEndpoint, legalCalls, step, type StepResult, type Tcb } from '../machine/endpoint';
import { formatSegment } from '../machine/format';
import type { Call, EndpointConfig, Input, Output, TimerName, Transition } from '../machine/types';
import { startDiagramHighlighter } from './diagram-highlight';
import { timerName } from './event-text';
import { segmentChoices, type SegmentChoice } from './explorer-segments';
import { noteText } from './note-text';
import { islandTranslator } from '../i18n/island-messages';
import { islandTransitionTranslator } from '../i18n/island-transitions';
import type { Translate } from '../i18n/format';
import { formatTime } from './time-format';
import { rfcLink } from './rfc-link';
import { highlightState } from './store';

/**
 * The state explorer's behaviour, loaded when it scrolls into view: one endpoint, driven directly through the
 * machine's pure reducer. The reader fires any event; the explorer shows the transition record the reducer took
 * (or the reducer's note on why none applies) and marks the state on the page's state diagrams.
 */
const CONFIG: EndpointConfig = { iss: DEFAULT_ISS[0], ...ENDPOINT_DEFAULTS };
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
  /** The page's language: StateExplorer.astro serialised these strings into data-messages. */
  private readonly t: Translate;
  /** Transition records in the page's language (StateExplorer.astro serialised their words into data-transitions). */
  private readonly local: (transition: Transition) => Transition;

  constructor(private readonly root: HTMLElement) {
    this.t = islandTranslator(root);
    this.local = islandTransitionTranslator(root);
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
    this.ref('announce').textContent = delayed ? this.t('explorer.announceResetDelayed', { ms: DELAYED_ACK_MS }) : this.t('explorer.announceReset');
  }

  private fire(button: HTMLButtonElement): void {
    const { t } = this;
    const kind = button.dataset.fire;
    let input: Input;
    let label: string;
    if (kind === 'call') {
      const call = button.dataset.call as Exclude<Call, 'crash'>;
      input = call === 'send' ? { kind: 'call', call, bytes: 100 } : { kind: 'call', call };
      label = call === 'send' ? t('explorer.eventSend') : t('explorer.eventCall', { call });
      this.now += TICK_MS;
    } else if (kind === 'segment') {
      const choice = segmentChoices(this.tcb).find((candidate) => candidate.id === button.dataset.segment);
      if (!choice) return;
      input = { kind: 'segment', segment: choice.segment };
      label = t('explorer.eventSegment', { segment: formatSegment(choice.segment) });
      this.now += TICK_MS;
    } else {
      const timer = button.dataset.timer as TimerName;
      input = { kind: 'timer', timer };
      label = t('explorer.eventTimer', { timer: timerName(t, timer) });
      this.now = Math.max(this.now, this.tcb.timers[timer] ?? this.now);
    }
    const from = this.tcb.state;
    let result: StepResult;
    try {
      result = step(this.tcb, input, this.now);
    } catch (error) {
      // A fault in the machine is a bug to report, not a reason to leave the reader with a dead box.
      this.ref('result').textContent = t('explorer.machineFailed', { event: label, message: error instanceof Error ? error.message : String(error) });
      return;
    }
    this.tcb = result.tcb;
    const entry = { t: this.now, event: label, result, from };
    this.history.push(entry);
    this.render(entry);
  }

  private render(latest: HistoryEntry | null): void {
    const { tcb, t } = this;
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
      button.title = ok ? t('explorer.allowed') : t('explorer.notAllowed');
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
        name.textContent = segmentLabel(t, choice);
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
      if (status) status.textContent = deadline === null ? t('explorer.notRunning') : t('explorer.dueAt', { time: formatTime(deadline) });
    }

    const result = this.ref('result');
    result.replaceChildren(...(latest ? describeResult(t, this.local, latest) : [paragraph(t('explorer.prompt'))]));
    if (latest) this.ref('announce').textContent = summary(t, latest);

    const history = this.ref('history');
    history.replaceChildren(
      ...this.history.map((entry) => {
        const item = document.createElement('li');
        const id = entry.result.transition;
        const said = { time: formatTime(entry.t), event: entry.event, from: entry.from, to: entry.result.tcb.state, id: id ?? '' };
        item.textContent = t(id ? 'explorer.historyMoved' : 'explorer.historyNone', said);
        return item;
      }),
    );
    this.ref('history-empty').hidden = this.history.length > 0;
  }
}

/** The segment's label in the page's language; a RST that answers our SYN is the refused-connection case. */
function segmentLabel(t: Translate, choice: SegmentChoice): string {
  const key = choice.id === 'rst-exact' && choice.segment.flags.includes('ACK') ? 'explorer.segment.rst-exact-refused' : `explorer.segment.${choice.id}`;
  return t.has(key) ? t(key) : choice.label;
}

function summary(t: Translate, entry: HistoryEntry): string {
  const segments = sentSegments(entry.result.outputs);
  const sent = segments.length ? t('explorer.summarySent', { segments: segments.join(t('list.events')) }) : t('explorer.summaryNothing');
  const said = { event: entry.event, from: entry.from, to: entry.result.tcb.state, sent };
  return t(entry.result.transition ? 'explorer.summaryMoved' : 'explorer.summaryNone', said);
}

function sentSegments(outputs: readonly Output[]): string[] {
  return outputs.flatMap((output) => (output.type === 'send' ? [formatSegment(output.segment)] : []));
}

function describeResult(t: Translate, local: (transition: Transition) => Transition, entry: HistoryEntry): HTMLElement[] {
  const { result } = entry;
  const taken = result.transition ? transitionById(result.transition) : null;
  /** The user hears the record's report in the page's language; the machine's output is the English of that record. */
  const reported = (message: string) => (taken && taken.reports === message ? local(taken).reports ?? message : message);
  const parts: HTMLElement[] = [];
  const heading = document.createElement('p');
  heading.className = 'ex-result-heading';
  if (taken) {
    const transition = local(taken);
    heading.append(strong(`${entry.from} → ${result.tcb.state}`), t('explorer.onEvent', { event: transition.event }));
    if (transition.guard) heading.append(` (${transition.guard})`);
    parts.push(heading);
    const meta = document.createElement('p');
    const id = document.createElement('code');
    id.textContent = transition.id;
    meta.append(t('explorer.transition'), id, ' · ');
    const link = rfcLink(transition.rfc);
    if (link) {
      const anchor = document.createElement('a');
      anchor.href = link.href;
      anchor.textContent = link.text;
      anchor.rel = 'external';
      meta.append(anchor);
    } else meta.append(transition.rfc);
    if (transition.notInFigure5) meta.append(t('explorer.notInFigure5'));
    parts.push(meta);
    if (transition.sends) parts.push(paragraph(t('explorer.ruleSends', { sends: transition.sends })));
    if (transition.note) parts.push(paragraph(transition.note));
  } else {
    heading.append(strong(t('explorer.noTransition')), `: ${result.note ? noteText(t, result.note) : t('explorer.nothingApplies', { state: entry.from })}`);
    parts.push(heading);
  }
  if (result.transition && result.note) parts.push(paragraph(noteText(t, result.note)));

  const list = document.createElement('ul');
  list.className = 'ex-outputs';
  const sent = sentSegments(result.outputs);
  list.append(item(sent.length ? t('explorer.sent', { segments: sent.join(t('list.events')) }) : t('explorer.sentNothing')));
  for (const output of result.outputs) {
    if (output.type === 'timer') {
      const timer = timerName(t, output.name);
      if (output.action !== 'start') list.append(item(t('explorer.timerStop', { timer })));
      else list.append(item(output.duration ? t('explorer.timerStartFor', { timer, time: formatTime(output.duration) }) : t('explorer.timerStart', { timer })));
    } else if (output.type === 'error') list.append(item(t('explorer.errorToUser', { message: reported(output.message) })));
    else if (output.type === 'signal') list.append(item(t('explorer.tellsUser', { message: reported(output.message) })));
    else if (output.type === 'deliver') list.append(item(t('explorer.delivers', { bytes: output.bytes })));
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
