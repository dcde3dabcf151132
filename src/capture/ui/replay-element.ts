/**
 * The "Replay a capture" tool's behaviour, loaded when its element scrolls into view. The markup is rendered
 * at build time by src/components/Replay.astro. Files and pasted text are read in this page and parsed in a Web
 * Worker (nothing is uploaded anywhere); the reader picks a connection and moves through it segment by segment
 * while both endpoints' states, the ladder and the annotations follow.
 */
import { sequenceDiagramSource } from '../../diagrams/sequence-diagram';
import { renderLadder } from '../../islands/ladder';
import type { CaptureSummary } from '../capture-session';
import type { ConnectionReplay } from '../replay';
import { replayTrace, type ReplayTrace } from '../replay-trace';
import { CaptureWorkerClient } from '../worker-client';
import { islandTranslator } from '../../i18n/island-messages';
import { islandTransitionWords } from '../../i18n/island-transitions';
import { ladderWords } from '../../islands/record-words';
import type { LadderWords } from '../../islands/ladder';
import type { Translate } from '../../i18n/format';
import { captureErrorText } from './capture-error-text';

/** The ladder shows this many segments around the current one; a long capture would make a huge picture. */
const LADDER_WINDOW = 60;
/** Larger files are refused before reading: the tab would run out of memory first. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;

const examples = import.meta.glob('../fixtures/*.pcap', { query: '?url', import: 'default' }) as Record<string, () => Promise<string>>;

export function mountReplay(root: HTMLElement): void {
  new ReplayController(root);
}

class ReplayController {
  private client: CaptureWorkerClient | null = null;
  private summary: CaptureSummary | null = null;
  private replay: ConnectionReplay | null = null;
  /** Segments shown: 0 is before the first one. */
  private position = 0;
  private request = 0;
  /** The page's language: Replay.astro serialised these strings into data-messages. */
  private readonly t: Translate;
  /** The ladder's state changes and errors in the page's language (Replay.astro wrote the words into data-transitions). */
  private readonly ladderWords: LadderWords;

  constructor(private readonly root: HTMLElement) {
    this.t = islandTranslator(root);
    this.ladderWords = ladderWords(this.t, islandTransitionWords(root));
    this.ref('live').hidden = false;
    this.ref('static').hidden = true;
    root.addEventListener('click', (event) => this.onClick(event));
    this.input('file').addEventListener('change', () => {
      const file = this.input('file').files?.[0];
      if (file) void this.openFile(file);
    });
    this.input('slider').addEventListener('input', () => this.moveTo(Number(this.input('slider').value)));
    this.ref<HTMLSelectElement>('connection').addEventListener('change', () => void this.showConnection(Number(this.ref<HTMLSelectElement>('connection').value)));
    const drop = this.ref('drop');
    drop.addEventListener('dragover', (event) => {
      event.preventDefault();
      drop.classList.add('is-over');
    });
    drop.addEventListener('dragleave', () => drop.classList.remove('is-over'));
    drop.addEventListener('drop', (event) => {
      event.preventDefault();
      drop.classList.remove('is-over');
      const file = event.dataTransfer?.files[0];
      if (file) void this.openFile(file);
    });
  }

  private ref<T extends HTMLElement = HTMLElement>(name: string): T {
    const element = this.root.querySelector<T>(`[data-ref="${name}"]`);
    if (!element) throw new Error(`replay: the markup has no data-ref="${name}"`);
    return element;
  }

  private input(name: string): HTMLInputElement {
    return this.ref<HTMLInputElement>(name);
  }

  private onClick(event: Event): void {
    const target = (event.target as Element).closest<HTMLElement>('[data-action]');
    if (!target || !this.root.contains(target)) return;
    switch (target.dataset.action) {
      case 'replay-text': {
        const text = this.ref<HTMLTextAreaElement>('text').value;
        if (text.trim() === '') return this.showError(this.t('replay.pasteFirst'));
        return void this.open(text, this.t('replay.pastedText'));
      }
      case 'example':
        return void this.openExample(target.dataset.example ?? '');
      case 'start':
        return this.moveTo(0);
      case 'back':
        return this.moveTo(this.position - 1);
      case 'forward':
        return this.moveTo(this.position + 1);
      case 'end':
        return this.moveTo(this.replay?.timeline.length ?? 0);
      case 'go':
        return this.moveTo(Number(target.dataset.position));
      case 'copy-mermaid':
        return void this.copyMermaid();
      case 'download-svg':
        return void this.downloadSvg();
    }
  }

  private async openFile(file: File): Promise<void> {
    if (file.size > MAX_FILE_BYTES) {
      return this.showError(this.t('replay.tooLarge', { file: file.name, mb: (file.size / 1e6).toFixed(0), limit: MAX_FILE_BYTES / 1024 / 1024 }));
    }
    await this.open(await file.arrayBuffer(), file.name);
  }

  private async openExample(name: string): Promise<void> {
    const load = examples[`../fixtures/${name}.pcap`];
    if (!load) return this.showError(this.t('replay.noExample', { name }));
    const response = await fetch(await load());
    if (!response.ok) return this.showError(this.t('replay.exampleFailed', { name, status: response.status }));
    await this.open(await response.arrayBuffer(), `${name}.pcap`);
  }

  private async open(input: ArrayBuffer | string, label: string): Promise<void> {
    const request = ++this.request;
    this.ref('error').hidden = true;
    this.ref('result').hidden = true;
    const progress = this.ref<HTMLProgressElement>('progress');
    progress.value = 0;
    progress.hidden = false;
    this.status(this.t('replay.readingFile', { label }));
    this.client ??= new CaptureWorkerClient();
    try {
      const summary = await this.client.open(input, (p) => {
        if (request === this.request) progress.value = p.total > 0 ? p.done / p.total : 0;
      });
      if (request !== this.request) return;
      this.summary = summary;
      this.ref('summary').textContent = describeSummary(this.t, label, summary);
      const select = this.ref<HTMLSelectElement>('connection');
      select.replaceChildren(...summary.connections.map((c) => new Option(c.label, String(c.id))));
      this.ref('picker').hidden = summary.connections.length < 2;
      await this.showConnection(summary.connections[0]!.id);
    } catch (error) {
      if (request === this.request) this.showError(this.t('replay.errorIn', { label, message: captureErrorText(this.t, error) }));
    } finally {
      if (request === this.request) progress.hidden = true;
    }
  }

  private async showConnection(id: number): Promise<void> {
    if (!this.client) return;
    const request = this.request;
    const replay = await this.client.replay(id);
    if (request !== this.request) return;
    this.replay = replay;
    const slider = this.input('slider');
    slider.max = String(replay.timeline.length);
    const { t } = this;
    const roles = (name: string) => t(name === replay.client ? 'replay.roleClient' : name === replay.server ? 'replay.roleServer' : 'replay.roleEndpoint');
    const names = replay.client && replay.server ? [replay.client, replay.server] : replay.endpoints;
    this.ref('endpoints').replaceChildren(
      ...names.map((name) => {
        const section = document.createElement('section');
        section.className = 'replay-endpoint';
        section.dataset.endpoint = name;
        section.setAttribute('aria-label', t('replay.endpoint', { name }));
        section.innerHTML = `<p><span data-name></span>: <span class="state-name" data-state></span></p><p class="replay-role" data-role></p>`;
        section.querySelector('[data-name]')!.textContent = name;
        section.querySelector('[data-role]')!.textContent = roles(name);
        return section;
      }),
    );
    this.ref('final').replaceChildren(
      t('replay.whereLeft'),
      ...names.flatMap((name, i) => {
        const state = document.createElement('span');
        state.className = 'state-name';
        state.dataset.endpoint = name;
        state.textContent = replay.final[name]!;
        return [...(i > 0 ? [' · '] : []), `${name} `, state];
      }),
    );
    this.renderAnnotations(replay);
    this.ref('result').hidden = false;
    this.moveTo(replay.timeline.length);
    this.status(t('replay.replayed', { count: replay.timeline.length }));
  }

  private renderAnnotations(replay: ConnectionReplay): void {
    const list = this.ref('annotations');
    const positionOf = new Map(replay.timeline.map((entry, i) => [entry.index, i + 1]));
    list.replaceChildren(
      ...replay.annotations.map((annotation) => {
        const item = document.createElement('li');
        item.dataset.index = String(annotation.index);
        item.dataset.kind = annotation.kind;
        const go = document.createElement('button');
        go.type = 'button';
        go.dataset.action = 'go';
        go.dataset.position = String(positionOf.get(annotation.index) ?? 0);
        go.textContent = `#${annotation.index}`;
        go.setAttribute('aria-label', this.t('replay.goTo', { index: annotation.index }));
        const kind = document.createElement('span');
        kind.className = 'replay-kind';
        kind.textContent = this.t(`replay.kind.${annotation.kind}`);
        const key = `annotation.${annotation.code}`;
        item.append(go, ' ', kind, ' ', this.t.has(key) ? this.t(key, annotation.params) : annotation.text);
        return item;
      }),
    );
    this.ref('annotation-count').textContent = String(replay.annotations.length);
    this.ref('annotations-none').hidden = replay.annotations.length > 0;
  }

  private moveTo(position: number): void {
    const replay = this.replay;
    if (!replay) return;
    const total = replay.timeline.length;
    this.position = Math.max(0, Math.min(total, Math.round(position)));
    this.input('slider').value = String(this.position);
    const entry = this.position > 0 ? replay.timeline[this.position - 1]! : null;
    const states = entry ? entry.states : replay.initial;
    for (const section of this.root.querySelectorAll<HTMLElement>('.replay-endpoint')) {
      section.querySelector('[data-state]')!.textContent = states[section.dataset.endpoint!] ?? 'CLOSED';
    }
    const { t } = this;
    this.ref('position').textContent = t('replay.position', { position: this.position, total });
    this.ref('segment').textContent = entry ? describeEntry(t, entry) : t('replay.beforeFirst');
    for (const item of this.ref('annotations').children) {
      item.classList.toggle('is-current', entry !== null && (item as HTMLElement).dataset.index === String(entry.index));
    }
    this.renderLadder();
    const summary = Object.entries(states).map(([name, state]) => `${name} ${state}`).join(t('list.separator'));
    this.ref('announce').textContent = t('replay.announce', { position: this.position, total, states: summary });
  }

  /** The window of segments drawn: LADDER_WINDOW of them, ending a little after the current one. */
  private ladderTrace(): { window: ReplayTrace; shown: number } {
    const replay = this.replay!;
    const total = replay.timeline.length;
    const to = Math.min(total, Math.max(this.position + 10, LADDER_WINDOW));
    const from = Math.max(0, to - LADDER_WINDOW);
    const window = replayTrace(replay, from, to);
    const inWindow = this.position - from;
    return { window, shown: inWindow > 0 ? window.eventsAfter[inWindow - 1]! : 0 };
  }

  private renderLadder(): void {
    const { window, shown } = this.ladderTrace();
    this.ref('ladder').innerHTML = renderLadder(window.trace.events, {
      names: window.names,
      shown,
      title: this.t('replay.ladderTitle', { count: this.position }),
      words: this.ladderWords,
    });
  }

  private async copyMermaid(): Promise<void> {
    if (!this.replay) return;
    const { window } = this.ladderTrace();
    const source = sequenceDiagramSource(window.trace, window.names, { title: this.t('replay.exportTitle') });
    try {
      await navigator.clipboard.writeText(source);
      this.status(this.t('replay.copied'));
    } catch {
      const fallback = this.ref<HTMLTextAreaElement>('mermaid');
      fallback.value = source;
      fallback.hidden = false;
      fallback.select();
      this.status(this.t('replay.noClipboard'));
    }
  }

  private async downloadSvg(): Promise<void> {
    if (!this.replay) return;
    const { default: css } = await import('../../islands/ladder.css?raw');
    const { window, shown } = this.ladderTrace();
    const svg = renderLadder(window.trace.events, { names: window.names, shown, standalone: true, css, title: this.t('replay.exportTitle'), words: this.ladderWords });
    const url = URL.createObjectURL(new Blob([`<?xml version="1.0" encoding="UTF-8"?>\n${svg}`], { type: 'image/svg+xml' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `capture-segment-${this.position}.svg`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    this.status(this.t('replay.downloaded', { file: link.download }));
  }

  private showError(message: string): void {
    const box = this.ref('error');
    box.textContent = message;
    box.hidden = false;
    this.ref('result').hidden = true;
    this.ref('progress').hidden = true;
    this.status('');
  }

  private status(message: string): void {
    this.ref('status').textContent = message;
  }
}

/** The capture's format, packet and segment counts; the skip reasons are the parsers' (English) words. */
function describeSummary(t: Translate, label: string, summary: CaptureSummary): string {
  const separator = t('list.separator');
  const skipped = Object.entries(summary.skipped).map(([reason, count]) => `${count} ${reason}`).join(separator);
  return t('replay.summary', {
    label,
    format: summary.format,
    links: summary.linkTypes.length ? ` (${summary.linkTypes.join(separator)})` : '',
    packets: counted(t, 'packets', summary.packets),
    segments: counted(t, 'segments', summary.tcpSegments),
    connections: counted(t, 'connections', summary.connections.length),
    relative: summary.sequenceNumbers === 'relative' ? t('replay.relative') : '',
    skipped: skipped ? t('replay.skipped', { list: skipped }) : '',
  });
}

/** "1 packet" / "2 packets": English has two forms, Chinese one (its catalogue gives the same text twice). */
function counted(t: Translate, what: 'packets' | 'segments' | 'connections', count: number): string {
  return t(count === 1 ? `replay.${what}.one` : `replay.${what}.other`, { count });
}

function describeEntry(t: Translate, entry: ConnectionReplay['timeline'][number]): string {
  const flags = entry.flags.filter((f) => f === 'SYN' || f === 'FIN' || f === 'RST' || f === 'ACK').join(',') || t('replay.noFlags');
  const seq = entry.len > 0 ? `${entry.relativeSeq}:${entry.relativeSeq + entry.len}` : String(entry.relativeSeq);
  const ack = entry.relativeAck === null ? '' : ` ack ${entry.relativeAck}`;
  const calls = entry.calls.map((c) => `${c.endpoint} ${c.call}${c.bytes ? `(${t('replay.bytes', { bytes: c.bytes })})` : ''}`).join(t('list.separator'));
  return t('replay.entry', { index: entry.index, src: entry.src, dst: entry.dst, flags, seq, ack, len: entry.len, calls: calls ? t('replay.inferred', { calls }) : '' });
}
