import type { Call } from '../machine/types';
import type { Trace } from '../simulator/trace';
import { startDiagramHighlighter } from './diagram-highlight';
import { describeEvent, timerName } from './event-text';
import { ladderWords } from './record-words';
import { islandTranslator } from '../i18n/island-messages';
import { islandTransitionWords, type TransitionWords } from '../i18n/island-transitions';
import type { Translate } from '../i18n/format';
import type { Problem } from './problem';
import { renderLadder } from './ladder';
import { formatTime } from './time-format';
import { decodeSetup, setupQuery, type DecodedSetup } from './permalink';
import { fetchScenario } from './scenario-chunks';
import { DEFAULT_SCENARIO } from './scenario-registry';
import { scenarioTexts } from '../simulator/scenario-texts';
import {
  atStep,
  availableCalls,
  endpointViews,
  eventsOfStep,
  eventsShown,
  openSession,
  stepCount,
  timeAtStep,
  withCall,
  withDropOfNext,
  type EndpointView,
  type Session,
} from './session';
import { highlightState } from './store';

/**
 * The connection simulator's behaviour, loaded only when its element scrolls into view. The markup (toolbar,
 * endpoint panels, export buttons) is rendered at build time by Simulator.astro; this module runs the machine and
 * keeps that markup in step with one `Session` (scenario + edits + step), which is all the URL needs to hold.
 */
const BASE_STEP_MS = 900;

export async function mountSimulator(root: HTMLElement): Promise<void> {
  // Only the playground reads the URL: an article may hold several simulators, and the URL can describe one.
  const full = root.hasAttribute('data-full');
  const fromUrl = full ? decodeSetup(new URLSearchParams(location.search)) : null;
  const request = {
    scenario: fromUrl?.scenario ?? root.dataset.scenario ?? null,
    edits: fromUrl?.edits ?? [],
    step: fromUrl?.step ?? null,
    problems: fromUrl?.problems ?? [],
  };
  new SimulatorController(root, full, await openWhenLoaded(request));
}

/** Opens a session once its scenario file has arrived (or the default's, for a name that has no file). */
async function openWhenLoaded(request: DecodedSetup): Promise<Session> {
  if (!(await fetchScenario(request.scenario ?? DEFAULT_SCENARIO))) await fetchScenario(DEFAULT_SCENARIO);
  return openSession(request);
}

class SimulatorController {
  private playing = false;
  private playTimer: number | undefined;
  private readonly reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
  /** The page's language: Simulator.astro serialised these strings into data-messages. */
  private readonly t: Translate;
  /** Transition records' words in the page's language, from data-transitions (state changes' causes and errors). */
  private readonly words: TransitionWords;

  constructor(
    private readonly root: HTMLElement,
    private readonly full: boolean,
    private session: Session,
  ) {
    this.t = islandTranslator(root);
    this.words = islandTransitionWords(root);
    root.querySelector('[data-static]')?.remove();
    this.ref('live').hidden = false;
    startDiagramHighlighter();
    this.bind();
    this.render({ announce: this.session.problems.length ? this.problemsText() : null });
  }

  private ref<T extends HTMLElement = HTMLElement>(name: string, within: ParentNode = this.root): T {
    const element = within.querySelector<T>(`[data-ref="${name}"]`);
    if (!element) throw new Error(`Simulator markup has no [data-ref="${name}"]`);
    return element;
  }

  private bind(): void {
    this.root.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-action]');
      if (!button || button.disabled) return;
      this.act(button.dataset.action!, button);
    });
    this.ref<HTMLSelectElement>('scenario').addEventListener('change', async (event) => {
      this.stop();
      this.session = await openWhenLoaded({ scenario: (event.target as HTMLSelectElement).value, edits: [], step: 0, problems: [] });
      this.render({ announce: this.t('sim.announceScenario', { name: this.session.setup.scenario, steps: stepCount(this.session) }) });
    });
    this.ref<HTMLSelectElement>('speed').addEventListener('change', () => {
      if (this.playing) this.schedule();
    });
    this.root.addEventListener('keydown', (event) => this.onKey(event));
    this.reducedMotion.addEventListener('change', () => this.render({ announce: null }));
  }

  private onKey(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    const typing = target.closest('select, input, textarea');
    if (typing) return;
    const onButton = target.closest('button, a, summary');
    switch (event.key) {
      case ' ':
        // On a button Space presses that button, as everywhere else.
        if (onButton) return;
        this.act('play');
        break;
      case 'ArrowRight':
        this.act('forward');
        break;
      case 'ArrowLeft':
        this.act('back');
        break;
      case 'Home':
        this.act('restart');
        break;
      case 'End':
        this.act('end');
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  private act(action: string, button?: HTMLButtonElement): void {
    const { step } = this.session.setup;
    const total = stepCount(this.session);
    const t = this.t;
    switch (action) {
      case 'play':
        if (this.playing) this.stop();
        else this.play();
        return this.render({ announce: this.playing ? t('sim.announcePlaying') : t('sim.announcePaused', { step: this.session.setup.step }) });
      case 'forward':
        this.stop();
        if (step < total) this.goTo(step + 1);
        return;
      case 'back':
        this.stop();
        if (step > 0) this.goTo(step - 1, t('sim.announceBack', { step: step - 1 }));
        return;
      case 'restart':
        this.stop();
        return this.goTo(0, t('sim.announceRestarted'));
      case 'end':
        this.stop();
        return this.goTo(total, t('sim.announceLast', { step: total, states: this.statesSentence() }));
      case 'call': {
        const endpoint = button!.dataset.endpoint!;
        const call = button!.dataset.call as Call;
        const bytes = Number(this.ref<HTMLInputElement>('bytes').value) || 100;
        this.session = withCall(this.session, endpoint, call, bytes);
        const at = timeAtStep(this.session);
        const said = { endpoint, call, bytes, time: formatTime(at), states: this.statesSentence() };
        return this.render({ announce: t(call === 'send' ? 'sim.announceCallSend' : 'sim.announceCall', said) });
      }
      case 'drop': {
        const from = button!.dataset.endpoint!;
        const before = this.session.setup.edits.length;
        this.session = withDropOfNext(this.session, from);
        const added = this.session.setup.edits.length > before;
        return this.render({ announce: added ? t('sim.announceDrop', { endpoint: from }) : t('sim.announceDropAlready') });
      }
      case 'reset-edits':
        this.stop();
        this.session = openSession({ scenario: this.session.setup.scenario, edits: [], step: 0 });
        return this.render({ announce: t('sim.announceEditsRemoved', { name: this.session.setup.scenario }) });
      case 'copy-link':
        return void this.copy(this.permalink(), t('sim.linkCopied'), true);
      case 'copy-mermaid':
        return void this.copyMermaid();
      case 'download-svg':
        return void this.downloadSvg();
    }
  }

  private goTo(step: number, announce?: string): void {
    this.session = atStep(this.session, step);
    const events = eventsOfStep(this.session, step);
    this.render({ announce: announce ?? (events.length ? this.t('sim.announceStep', { step, events: this.eventsText(events) }) : this.t('sim.stepZero')) });
  }

  private play(): void {
    if (this.session.setup.step >= stepCount(this.session)) this.session = atStep(this.session, 0);
    this.playing = true;
    this.schedule();
  }

  private schedule(): void {
    window.clearTimeout(this.playTimer);
    const speed = Number(this.ref<HTMLSelectElement>('speed').value) || 1;
    this.playTimer = window.setTimeout(() => {
      if (!this.playing) return;
      const { step } = this.session.setup;
      if (step >= stepCount(this.session)) {
        this.stop();
        this.render({ announce: this.t('sim.announceFinished', { states: this.statesSentence() }) });
        return;
      }
      this.goTo(step + 1);
      this.schedule();
    }, BASE_STEP_MS / speed);
  }

  private stop(): void {
    this.playing = false;
    window.clearTimeout(this.playTimer);
  }

  private statesSentence(): string {
    const { t } = this;
    return endpointViews(this.session)
      .map((view) => t('sim.stateOf', { name: view.name, state: view.state }))
      .join(t('list.separator')) + t('sentence.end');
  }

  private eventsText(events: Parameters<typeof describeEvent>[1][]): string {
    return events.map((event) => describeEvent(this.t, event, this.words)).join(this.t('list.events'));
  }

  /** The problems in the page's language: each has a catalogue key; its English message is the fallback. */
  private problemsText(): string {
    return this.session.problems.map((problem: Problem) => {
      const key = `problem.${problem.code}`;
      return this.t.has(key) ? this.t(key, problem.params) : problem.message;
    }).join(' ');
  }

  /** A scenario's title in the page's language (the file's `i18n.<language>.title`), else the file's own. */
  private titleOf(name: string, scenario: Parameters<typeof scenarioTexts>[0]): string {
    return scenarioTexts(scenario, this.root.dataset.locale ?? 'en').title ?? name;
  }

  private traceSoFar(): Trace {
    const events = this.session.trace.events.slice(0, eventsShown(this.session));
    const final = Object.fromEntries(endpointViews(this.session).map((view) => [view.name, view.state]));
    return { events, final };
  }

  private permalink(): string {
    const query = setupQuery(this.session.setup);
    const page = this.full ? location.pathname : (this.root.dataset.playground ?? '/playground/');
    return new URL(`${page}?${query}`, location.href).href;
  }

  private async copy(text: string, done: string, showLink: boolean): Promise<void> {
    const status = this.ref('status');
    status.replaceChildren();
    try {
      await navigator.clipboard.writeText(text);
      status.append(done + ' ');
    } catch {
      status.append(this.t('sim.copyBlocked'));
      const field = document.createElement('textarea');
      field.readOnly = true;
      field.value = text;
      field.rows = Math.min(12, text.split('\n').length);
      field.setAttribute('aria-label', this.t('sim.textToCopy'));
      status.append(field);
      field.select();
      return;
    }
    if (showLink) {
      const link = document.createElement('a');
      link.href = text;
      link.textContent = text;
      link.dataset.ref = 'copied-link';
      status.append(link);
    }
  }

  /** Export code is fetched on first use: most readers never export, and an article page has a byte budget. */
  private async copyMermaid(): Promise<void> {
    const { sequenceDiagramSource } = await import('../diagrams/sequence-diagram');
    await this.copy(sequenceDiagramSource(this.traceSoFar(), this.session.names), this.t('sim.mermaidCopied'), false);
  }

  private async downloadSvg(): Promise<void> {
    const { default: css } = await import('./ladder.css?raw');
    const { names, trace, scenario, setup } = this.session;
    const svg = renderLadder(trace.events, {
      css,
      names,
      shown: eventsShown(this.session),
      delay: scenario.options.delay,
      standalone: true,
      words: ladderWords(this.t, this.words),
      title: this.t('sim.svgTitle', { title: this.titleOf(setup.scenario, scenario), step: setup.step }),
    });
    const url = URL.createObjectURL(new Blob([`<?xml version="1.0" encoding="UTF-8"?>\n${svg}`], { type: 'image/svg+xml' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${setup.scenario}-step-${setup.step}.svg`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.ref('status').textContent = this.t('sim.downloaded', { file: link.download });
  }

  private render({ announce }: { announce: string | null }): void {
    const { session } = this;
    const { names, trace, scenario, setup } = session;
    const total = stepCount(session);
    const step = setup.step;
    const shown = eventsShown(session);
    const now = timeAtStep(session);

    const select = this.ref<HTMLSelectElement>('scenario');
    if (select.value !== setup.scenario) select.value = setup.scenario;
    const { t } = this;
    const title = this.titleOf(setup.scenario, scenario);
    this.ref('title').textContent = title;
    this.ref('legend-a').textContent = names[0];
    this.ref('legend-b').textContent = names[1];
    this.ref('description').textContent = scenarioTexts(scenario, this.root.dataset.locale ?? 'en').description ?? '';

    const problems = this.ref('problems');
    problems.hidden = session.problems.length === 0;
    problems.textContent = this.problemsText();

    this.ref('position').textContent = t('sim.position', { step, total, time: formatTime(now) });
    const play = this.root.querySelector<HTMLButtonElement>('button[data-action="play"]')!;
    play.setAttribute('aria-pressed', String(this.playing));
    play.textContent = this.playing ? t('sim.pause') : step >= total ? t('sim.replay') : t('sim.play');
    this.root.querySelector<HTMLButtonElement>('button[data-action="back"]')!.disabled = step === 0;
    this.root.querySelector<HTMLButtonElement>('button[data-action="forward"]')!.disabled = step >= total;
    this.root.querySelector<HTMLButtonElement>('button[data-action="restart"]')!.disabled = step === 0;
    this.root.querySelector<HTMLButtonElement>('button[data-action="end"]')!.disabled = step >= total;
    this.ref('edits').hidden = setup.edits.length === 0;
    this.ref('edit-count').textContent = t('sim.editCount', { count: setup.edits.length });

    const views = endpointViews(session);
    views.forEach((view, index) => this.renderEndpoint(view, index === 0 ? 'a' : 'b', now));
    highlightState('is-current-a', views[0].state);
    highlightState('is-current-b', views[1].state);

    const ladder = this.ref('ladder');
    ladder.innerHTML = renderLadder(trace.events, {
      names,
      shown,
      latestFrom: eventsShown(session, step - 1),
      delay: scenario.options.delay,
      words: ladderWords(t, this.words),
      title: t('sim.ladderTitleAt', { title, step, total }),
    });
    this.scrollLadderTo(now);

    const log = this.ref('log');
    log.replaceChildren(
      ...Array.from({ length: step }, (_, index) => {
        const item = document.createElement('li');
        item.value = index + 1;
        const events = eventsOfStep(session, index + 1);
        item.textContent = t('sim.logItem', { time: formatTime(events[0]!.t), events: this.eventsText(events) });
        return item;
      }),
    );

    if (this.full) history.replaceState(history.state, '', `${location.pathname}?${setupQuery(setup)}${location.hash}`);
    if (announce) this.ref('announce').textContent = announce;
  }

  private renderEndpoint(view: EndpointView, side: 'a' | 'b', now: number): void {
    const { t } = this;
    const panel = this.root.querySelector<HTMLElement>(`[data-side="${side}"]`)!;
    this.ref('name', panel).textContent = view.name;
    const state = this.ref('state', panel);
    state.textContent = view.state;
    state.dataset.state = view.state;
    const numbers = view.numbers;
    this.ref('snd-una', panel).textContent = numbers ? String(numbers.sndUna) : '—';
    this.ref('snd-nxt', panel).textContent = numbers ? String(numbers.sndNxt) : '—';
    this.ref('rcv-nxt', panel).textContent = numbers ? String(numbers.rcvNxt) : '—';

    const timers = this.ref('timers', panel);
    timers.replaceChildren(
      ...view.timers.map((timer) => {
        const item = document.createElement('li');
        item.dataset.timer = timer.name;
        const total = Math.max(1, timer.deadline - timer.startedAt);
        const remaining = Math.max(0, timer.deadline - now);
        const bar = document.createElement('progress');
        bar.max = total;
        bar.value = total - remaining;
        const name = timerName(t, timer.name);
        bar.setAttribute('aria-label', t('sim.timerElapsed', { timer: name }));
        item.append(t('sim.timerFiresIn', { timer: name, time: formatTime(remaining) }), bar);
        return item;
      }),
    );
    if (view.timers.length === 0) {
      const none = document.createElement('li');
      none.className = 'none';
      none.textContent = t('sim.noTimer');
      timers.append(none);
    }

    const calls = this.ref('calls', panel);
    const focused = document.activeElement instanceof HTMLElement && calls.contains(document.activeElement) ? document.activeElement.dataset.call : undefined;
    calls.replaceChildren(
      ...availableCalls(this.session, view.name).map((call) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.dataset.action = 'call';
        button.dataset.call = call;
        button.dataset.endpoint = view.name;
        button.textContent = call;
        button.setAttribute('aria-label', t(call === 'send' ? 'sim.callLabelSend' : 'sim.callLabel', { endpoint: view.name, call }));
        return button;
      }),
    );
    if (focused !== undefined) {
      const again = calls.querySelector<HTMLButtonElement>(`button[data-call="${focused}"]`) ?? calls.querySelector<HTMLButtonElement>('button');
      (again ?? this.root).focus();
    }
    const drop = panel.querySelector<HTMLButtonElement>('button[data-action="drop"]')!;
    drop.dataset.endpoint = view.name;
    drop.textContent = t('sim.drop', { name: view.name });
  }

  private scrollLadderTo(now: number): void {
    const container = this.ref('ladder');
    const line = container.querySelector<SVGLineElement>('.now-line');
    const svg = container.querySelector('svg');
    if (!svg) return;
    const scale = svg.clientWidth / (svg.viewBox.baseVal.width || svg.clientWidth || 1);
    const y = line ? Number(line.getAttribute('y1')) * scale : now === 0 ? 0 : svg.clientHeight;
    const target = Math.max(0, y - container.clientHeight * 0.6);
    container.scrollTo({ top: target, behavior: this.reducedMotion.matches || !this.playing ? 'auto' : 'smooth' });
  }
}
