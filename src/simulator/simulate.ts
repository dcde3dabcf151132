/**
 * Two endpoints joined by a network, in virtual milliseconds.
 *
 * The simulator owns time and the wire; the machine's pure reducer (`step`) owns
 * everything TCP does. Each happening is either a queued item (a scenario step, a
 * segment arriving) or an endpoint's timer coming due (the deadline the reducer keeps,
 * read through `nextTimer`). At equal times queued items come first, in the order they
 * were queued, then timers in endpoint order. Same scenario, same trace: always.
 */
import { createEndpoint, nextTimer, step, type StepResult, type Tcb } from '../machine/endpoint';
import type { Call, Input, Segment, State, TimerName } from '../machine/types';
import { noteEnglish } from '../machine/notes';
import { NOTE_PARTS } from './note-parts';
import { EventQueue } from './event-queue';
import { endpointConfig, isInjectStep, type Scenario, type Step } from './scenario';
import { nextRandom } from './seeded-random';
import type { EndpointSnapshot, SegmentEvent, Trace, TraceEvent } from './trace';

export interface SimulateOptions {
  /** Attach the endpoint's variables after each event (`snapshot`). */
  snapshots?: boolean;
  /** Stop with a SimulationError after this many happenings: a guard against a machine that never settles. */
  maxHappenings?: number;
  /** Called after every reducer step with the TCB before it, the input and the result (the property tests check each step). */
  onStep?: (endpoint: string, before: Tcb, input: Input, result: StepResult) => void;
}

/** What the network does with one segment. */
export type Fate =
  | { kind: 'deliver' }
  | { kind: 'drop'; why: string }
  /** `extraDelay` absent: the copy is held until the sender's next segment arrives, then delivered right after it. */
  | { kind: 'duplicate'; extraDelay?: number }
  /** `extraDelay` absent: held until the sender's next segment arrives, then delivered right after it. */
  | { kind: 'reorder'; extraDelay?: number };

/** Decides each segment's fate; `nth` counts from 1 the segments `from` has sent, retransmissions included. */
export type FateChooser = (from: string, nth: number, segment: Segment) => Fate;

export class SimulationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulationError';
  }
}

type QueuedItem =
  | { kind: 'step'; step: Step }
  | { kind: 'arrival'; to: string; segment: Segment; id: number };

interface HeldSegment {
  to: string;
  segment: Segment;
  id: number;
  /** When it would have arrived had it not been held. */
  due: number;
}

const DELIVER: Fate = { kind: 'deliver' };


/**
 * A running simulation. `simulate()` runs one to the end; the islands may also drive one
 * step at a time (`advance`), and the exhaustive check copies them (`clone`) to branch.
 */
export class Simulation {
  readonly names: readonly [string, string];
  events: TraceEvent[] = [];
  now = 0;
  /** Happenings processed so far (queued items and timer firings). */
  happenings = 0;

  private tcbs: Record<string, Tcb> = {};
  private queue = new EventQueue<QueuedItem>();
  private sent: Record<string, number> = {};
  private held: Record<string, HeldSegment[]> = {};
  private nextSegmentId = 1;
  private randomState: number;
  private record = true;
  /** Fates for the next happening only (the exhaustive check's branching); null = the scenario's network. */
  private overrideFate: FateChooser | null = null;

  constructor(
    readonly scenario: Scenario,
    private readonly options: SimulateOptions = {},
  ) {
    const names = Object.keys(scenario.endpoints);
    if (names.length !== 2) throw new SimulationError(`a scenario has exactly two endpoints, got ${names.length}`);
    this.names = [names[0]!, names[1]!];
    for (const name of this.names) {
      this.tcbs[name] = createEndpoint(endpointConfig(scenario, name));
      this.sent[name] = 0;
      this.held[name] = [];
    }
    this.randomState = scenario.network.seed >>> 0;
    for (const scenarioStep of scenario.steps) this.queue.push(scenarioStep.at, { kind: 'step', step: scenarioStep });
  }

  /** Stop recording trace events (the exhaustive check needs only the system states). */
  quiet(): this {
    this.record = false;
    return this;
  }

  endpoint(name: string): Tcb {
    const tcb = this.tcbs[name];
    if (!tcb) throw new SimulationError(`unknown endpoint "${name}"`);
    return tcb;
  }

  state(name: string): State {
    return this.endpoint(name).state;
  }

  peer(name: string): string {
    return name === this.names[0] ? this.names[1] : this.names[0];
  }

  /** Time of the next happening, or null when nothing is pending (or it lies past `until`). */
  nextTime(): number | null {
    const time = this.nextHappening()?.time ?? null;
    if (time === null) return null;
    const until = this.scenario.until;
    return until !== undefined && time > until ? null : time;
  }

  get done(): boolean {
    return this.nextTime() === null;
  }

  /** Processes the next happening. Returns false when there is nothing left to do. */
  advance(fates: FateChooser | null = null): boolean {
    const next = this.nextHappening();
    if (!next) return false;
    const until = this.scenario.until;
    if (until !== undefined && next.time > until) return false;
    const limit = this.options.maxHappenings ?? 100_000;
    if (++this.happenings > limit) {
      throw new SimulationError(`the simulation did not settle after ${limit} happenings (virtual time ${this.now} ms)`);
    }
    this.now = Math.max(this.now, next.time);
    this.overrideFate = fates;
    try {
      if (next.kind === 'timer') this.fireTimer(next.endpoint, next.timer);
      else if (next.kind === 'release') this.releaseAllHeld();
      else this.processQueued(this.queue.pop()!.item);
    } finally {
      this.overrideFate = null;
    }
    return true;
  }

  /** Runs until nothing is pending or `until` is reached. */
  run(): Trace {
    while (this.advance());
    return this.trace();
  }

  trace(): Trace {
    const final: Record<string, State> = {};
    for (const name of this.names) final[name] = this.tcbs[name]!.state;
    return { events: this.events, final };
  }

  /** A user call made now, outside the scenario's steps (the playground's buttons). */
  call(name: string, call: Call, bytes?: number): void {
    this.endpoint(name);
    this.processQueued({ kind: 'step', step: { at: this.now, endpoint: name, call, ...(bytes === undefined ? {} : { bytes }) } });
  }

  /** A forged segment delivered to `to` now, as if its peer had sent it (the playground's "inject"). */
  inject(to: string, segment: Segment): void {
    this.endpoint(to);
    this.receive(to, segment, this.nextSegmentId++, true);
  }

  /** An independent copy: same past, separate future. Trace events already recorded are shared, not copied. */
  clone(): Simulation {
    const copy = Object.create(Simulation.prototype) as Simulation;
    Object.assign(copy, this);
    copy.events = this.record ? this.events.slice() : this.events;
    copy.tcbs = { ...this.tcbs };
    copy.queue = this.queue.clone();
    copy.sent = { ...this.sent };
    copy.held = { [this.names[0]]: this.held[this.names[0]]!.slice(), [this.names[1]]: this.held[this.names[1]]!.slice() };
    return copy;
  }

  /**
   * The system state as plain data with every time made relative to now, so that two
   * moments that will unfold identically compare equal (the exhaustive check hashes it).
   */
  systemState(): unknown {
    const relative = (time: number | null) => (time === null ? null : time - this.now);
    return {
      endpoints: this.names.map((name) => {
        const tcb = this.tcbs[name]!;
        const { timers, ...rest } = tcb;
        return { ...rest, timers: { retransmission: relative(timers.retransmission), timeWait: relative(timers.timeWait), delayedAck: relative(timers.delayedAck) } };
      }),
      pending: this.queue.ordered().map(({ time, item }) =>
        item.kind === 'arrival' ? { in: time - this.now, to: item.to, segment: item.segment } : { in: time - this.now, step: { ...item.step, at: undefined } },
      ),
      held: this.names.map((name) => this.held[name]!.map(({ to, segment, due }) => ({ to, segment, due: due - this.now }))),
    };
  }

  private nextHappening():
    | { kind: 'queued'; time: number }
    | { kind: 'timer'; time: number; endpoint: string; timer: TimerName }
    | { kind: 'release'; time: number }
    | null {
    const queued = this.queue.peekTime();
    let timer: { time: number; endpoint: string; timer: TimerName } | null = null;
    for (const name of this.names) {
      const due = nextTimer(this.tcbs[name]!);
      if (due && (timer === null || due.at < timer.time)) timer = { time: Math.max(due.at, this.now), endpoint: name, timer: due.timer };
    }
    if (queued !== null && (timer === null || queued <= timer.time)) return { kind: 'queued', time: queued };
    if (timer) return { kind: 'timer', ...timer };
    // Nothing else will ever happen: segments held for reordering arrive now, after everything.
    const held = [...this.held[this.names[0]]!, ...this.held[this.names[1]]!];
    if (held.length) return { kind: 'release', time: Math.max(this.now, ...held.map((h) => h.due)) };
    return null;
  }

  private processQueued(item: QueuedItem): void {
    if (item.kind === 'arrival') {
      this.receive(item.to, item.segment, item.id, false);
      return;
    }
    const scenarioStep = item.step;
    if (isInjectStep(scenarioStep)) {
      const { to, flags, seq, ack, len, window } = scenarioStep.inject;
      const segment: Segment = { flags: [...flags], seq, ack: ack ?? null, len: len ?? 0 };
      if (window !== undefined) segment.window = window;
      this.receive(to, segment, this.nextSegmentId++, true, scenarioStep.note);
      return;
    }
    const { endpoint: name, call, bytes, note } = scenarioStep;
    if (call === 'crash') {
      this.crash(name, note);
      return;
    }
    const input: Input = bytes === undefined ? { kind: 'call', call } : { kind: 'call', call, bytes };
    this.apply(name, input, null, note);
  }

  private receive(name: string, segment: Segment, id: number, injected: boolean, note?: string): void {
    const event: SegmentEvent = { t: this.now, endpoint: name, type: 'receive', segment, id };
    if (injected) event.injected = true;
    if (note !== undefined) event.note = note;
    this.apply(name, { kind: 'segment', segment }, event);
  }

  private fireTimer(name: string, timer: TimerName): void {
    this.apply(name, { kind: 'timer', timer }, { t: this.now, endpoint: name, type: 'timer', name: timer, action: 'fire' });
  }

  /** A rebooted host: the TCB is gone without a word on the wire; its timers vanish with it. */
  private crash(name: string, note?: string): void {
    const before = this.tcbs[name]!;
    this.tcbs[name] = createEndpoint(endpointConfig(this.scenario, name));
    if (before.state !== 'CLOSED') {
      const event: TraceEvent = { t: this.now, endpoint: name, type: 'state', from: before.state, to: 'CLOSED', cause: 'crash: the host lost its TCB (nothing is sent)' };
      if (note !== undefined) event.note = note;
      this.emit(event, name);
    }
  }

  /** Runs the reducer on one input and carries out what it asks, recording the trigger first. */
  private apply(name: string, input: Input, trigger: TraceEvent | null, stepNote?: string): void {
    if (trigger) this.emit(trigger);
    const before = this.tcbs[name]!;
    const result: StepResult = step(before, input, this.now);
    this.options.onStep?.(name, before, input, result);
    this.tcbs[name] = result.tcb;
    const caused: TraceEvent[] = trigger ? [trigger] : [];
    const signals: string[] = [];
    const machineNote = result.note;
    const english = machineNote === undefined ? undefined : noteEnglish(machineNote);
    const note = english ?? stepNote;
    if (trigger && machineNote !== undefined) {
      const prior = trigger.note;
      trigger.note = prior ? `${prior}; ${english}` : english;
      NOTE_PARTS.set(trigger, prior ? [prior, machineNote] : [machineNote]);
    }

    for (const output of result.outputs) {
      switch (output.type) {
        case 'send':
          caused.push(...this.transmit(name, output.segment));
          break;
        case 'state':
          caused.push(this.emit({ t: this.now, endpoint: name, type: 'state', from: output.from, to: output.to, cause: output.cause }));
          break;
        case 'timer': {
          const event: TraceEvent = { t: this.now, endpoint: name, type: 'timer', name: output.name, action: output.action };
          if (output.action === 'start' && output.duration !== undefined) event.deadline = this.now + output.duration;
          caused.push(this.emit(event));
          break;
        }
        case 'error':
          caused.push(this.emit({ t: this.now, endpoint: name, type: 'error', message: output.message }));
          break;
        case 'signal':
          signals.push(output.message);
          break;
        case 'deliver':
          // The application side is not simulated: delivered bytes show in the ACKs.
          break;
      }
    }
    if (!this.record) return;
    if (!trigger && note !== undefined && caused[0] && caused[0].note === undefined) {
      caused[0].note = note;
      if (machineNote !== undefined) NOTE_PARTS.set(caused[0], [machineNote]);
    }
    if (signals.length && caused[0]) caused[0].signal = signals.join('; ');
    const snapshot = this.options.snapshots ? snapshotOf(result.tcb) : undefined;
    for (const event of caused) {
      if (result.transition !== null) event.transition = result.transition;
      if (snapshot) event.snapshot = snapshot;
    }
  }

  /** Puts a segment on the wire and lets the network decide its fate. Returns the events it caused. */
  private transmit(from: string, segment: Segment): TraceEvent[] {
    const to = this.peer(from);
    const id = this.nextSegmentId++;
    const nth = ++this.sent[from]!;
    const fate = this.overrideFate ? this.overrideFate(from, nth, segment) : this.scenarioFate(from, nth);
    const caused: TraceEvent[] = [this.emit({ t: this.now, endpoint: from, type: 'send', segment, id })];
    const arrival = this.now + this.scenario.options.delay;

    switch (fate.kind) {
      case 'deliver':
        this.queue.push(arrival, { kind: 'arrival', to, segment, id });
        break;
      case 'drop':
        caused.push(this.emit({ t: this.now, endpoint: from, type: 'drop', segment, id, note: fate.why }));
        break;
      case 'duplicate':
        this.queue.push(arrival, { kind: 'arrival', to, segment, id });
        if (fate.extraDelay !== undefined) this.queue.push(arrival + fate.extraDelay, { kind: 'arrival', to, segment, id });
        else {
          this.releaseHeld(from, arrival);
          this.held[from]!.push({ to, segment, id, due: arrival });
          return caused;
        }
        break;
      case 'reorder':
        if (fate.extraDelay !== undefined) {
          this.queue.push(arrival + fate.extraDelay, { kind: 'arrival', to, segment, id });
        } else {
          this.held[from]!.push({ to, segment, id, due: arrival });
          return caused;
        }
        break;
    }
    this.releaseHeld(from, arrival);
    return caused;
  }

  /** Segments held back from this sender arrive right after its next one would (even if that one was lost). */
  private releaseHeld(from: string, arrival: number): void {
    const held = this.held[from]!;
    if (!held.length) return;
    for (const h of held) this.queue.push(arrival, { kind: 'arrival', to: h.to, segment: h.segment, id: h.id });
    this.held[from] = [];
  }

  private releaseAllHeld(): void {
    for (const name of this.names) {
      for (const h of this.held[name]!) this.queue.push(Math.max(this.now, h.due), { kind: 'arrival', to: h.to, segment: h.segment, id: h.id });
      this.held[name] = [];
    }
  }

  /** The network the scenario describes: explicit rules first (drop wins), then random loss. */
  private scenarioFate(from: string, nth: number): Fate {
    const network = this.scenario.network;
    let lost = false;
    if (network.lossRate > 0) {
      // One draw per segment, whether or not a rule picks it, so adding a rule never reshuffles the others.
      const draw = nextRandom(this.randomState);
      this.randomState = draw.state;
      lost = draw.value < network.lossRate;
    }
    const picks = (rule: { from: string; nth: number }) => rule.from === from && rule.nth === nth;
    if (network.drop.some(picks)) return { kind: 'drop', why: 'dropped by the scenario (network.drop)' };
    if (lost) return { kind: 'drop', why: `lost at random (network.lossRate ${network.lossRate})` };
    const duplicate = network.duplicate.find(picks);
    if (duplicate) return { kind: 'duplicate', extraDelay: duplicate.extraDelay ?? 0 };
    const reorder = network.reorder.find(picks);
    if (reorder) return reorder.extraDelay === undefined ? { kind: 'reorder' } : { kind: 'reorder', extraDelay: reorder.extraDelay };
    return DELIVER;
  }

  private emit<E extends TraceEvent>(event: E, snapshotOwner?: string): E {
    if (this.record) {
      if (snapshotOwner && this.options.snapshots) event.snapshot = snapshotOf(this.tcbs[snapshotOwner]!);
      this.events.push(event);
    }
    return event;
  }
}

export function snapshotOf(tcb: Tcb): EndpointSnapshot {
  return {
    state: tcb.state,
    sndUna: tcb.sndUna,
    sndNxt: tcb.sndNxt,
    rcvNxt: tcb.rcvNxt,
    iss: tcb.iss,
    irs: tcb.irs,
    timers: { retransmission: tcb.timers.retransmission, timeWait: tcb.timers.timeWait, delayedAck: tcb.timers.delayedAck },
  };
}

/** Runs a scenario to the end (or to `until`). Pure and deterministic: same scenario, same trace. */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): Trace {
  return new Simulation(scenario, options).run();
}
