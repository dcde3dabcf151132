/**
 * Property tests of the endpoint reducer (fast-check): random calls, forged segments around the
 * real sequence numbers, and timer firings never throw, never leave the 11 states, and keep the
 * TCB invariants. Sequence numbers are plain integers in this model (no 2^32 wraparound), so the
 * invariants compare them directly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordMismatches } from './conformance';
import { hasTransition, transitionById } from './definition';
import { createEndpoint, nextTimer, RTO_MAX, step, type Tcb } from './endpoint';
import { FLAGS, STATES, TIMERS, type EndpointConfig, type Flag, type Input, type Segment, type State } from './types';

const SYNCHRONIZED: ReadonlySet<State> = new Set(['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT']);
const DELAYED_ACK_STATES: ReadonlySet<State> = new Set(['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT']);

const configArb: fc.Arbitrary<EndpointConfig> = fc.record({
  iss: fc.integer({ min: 0, max: 100_000 }),
  msl: fc.integer({ min: 1, max: 60_000 }),
  rto: fc.integer({ min: 1, max: 3000 }),
  synRetries: fc.integer({ min: 0, max: 6 }),
  retries: fc.integer({ min: 0, max: 15 }),
  window: fc.integer({ min: 1, max: 65_535 }),
  mss: fc.integer({ min: 1, max: 1460 }),
  delayedAck: fc.option(fc.integer({ min: 1, max: 499 }), { nil: undefined }),
});

/** A segment described relative to the TCB it will hit, so it lands near the numbers that matter. */
interface SegmentPlan {
  flags: Flag[];
  seqFrom: 'rcvNxt' | 'irs' | 'zero';
  seqOffset: number;
  ackFrom: 'sndNxt' | 'sndUna' | 'iss' | 'none';
  ackOffset: number;
  len: number;
  window: number | undefined;
}

type Action =
  | { kind: 'call'; call: 'listen' | 'connect' | 'send' | 'close' | 'abort'; bytes: number; after: number }
  | { kind: 'segment'; plan: SegmentPlan; after: number }
  | { kind: 'timer'; timer: (typeof TIMERS)[number]; atDeadline: boolean; after: number };

const offsetArb = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -70_000, max: 70_000 }));
const afterArb = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5000 }));

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant('call' as const),
    call: fc.constantFrom('listen', 'connect', 'send', 'close', 'abort'),
    bytes: fc.integer({ min: 0, max: 5000 }),
    after: afterArb,
  }),
  fc.record({
    kind: fc.constant('segment' as const),
    plan: fc.record({
      flags: fc.subarray([...FLAGS]),
      seqFrom: fc.constantFrom('rcvNxt', 'irs', 'zero'),
      seqOffset: offsetArb,
      ackFrom: fc.constantFrom('sndNxt', 'sndUna', 'iss', 'none'),
      ackOffset: offsetArb,
      len: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3000 })),
      window: fc.option(fc.integer({ min: 0, max: 65_535 }), { nil: undefined }),
    }),
    after: afterArb,
  }),
  fc.record({ kind: fc.constant('timer' as const), timer: fc.constantFrom(...TIMERS), atDeadline: fc.boolean(), after: afterArb }),
);

function realise(plan: SegmentPlan, t: Tcb): Segment {
  const seqBase = plan.seqFrom === 'rcvNxt' ? t.rcvNxt : plan.seqFrom === 'irs' ? (t.irs ?? 0) : 0;
  const ackBase = plan.ackFrom === 'sndNxt' ? t.sndNxt : plan.ackFrom === 'sndUna' ? t.sndUna : t.iss;
  const hasAck = plan.flags.includes('ACK') && plan.ackFrom !== 'none';
  const flags = hasAck ? plan.flags : plan.flags.filter((f) => f !== 'ACK');
  const segment: Segment = { flags, seq: Math.max(0, seqBase + plan.seqOffset), ack: hasAck ? Math.max(0, ackBase + plan.ackOffset) : null, len: plan.len };
  if (plan.window !== undefined) segment.window = plan.window;
  return segment;
}

/** The TCB invariants; returns the first violation in words, or null. */
function violation(t: Tcb, now: number): string | null {
  if (!STATES.includes(t.state)) return `unknown state ${t.state}`;
  if (t.sndUna > t.sndNxt) return `SND.UNA ${t.sndUna} > SND.NXT ${t.sndNxt}`;
  if (SYNCHRONIZED.has(t.state) && (t.irs === null || t.rcvNxt < t.irs + 1)) return `RCV.NXT ${t.rcvNxt} < IRS+1 in ${t.state}`;
  const armed = TIMERS.filter((name) => t.timers[name] !== null);
  if ((t.state === 'CLOSED' || t.state === 'LISTEN') && armed.length > 0) return `timers ${armed} armed in ${t.state}`;
  if (t.state === 'TIME-WAIT' && armed.join() !== 'timeWait') return `TIME-WAIT with timers [${armed}]`;
  if (t.timers.timeWait !== null && t.state !== 'TIME-WAIT') return `timeWait armed in ${t.state}`;
  if (t.timers.delayedAck !== null && !DELAYED_ACK_STATES.has(t.state)) return `delayedAck armed in ${t.state}`;
  if ((t.timers.retransmission !== null) !== t.retransmissionQueue.length > 0) return 'retransmission timer armed iff the queue holds a segment';
  for (const name of armed) if ((t.timers[name] as number) < 0) return `${name} deadline negative`;
  if (t.state !== 'CLOSED') {
    // The retransmission queue covers exactly [SND.UNA, SND.NXT).
    let at = t.sndUna;
    for (const e of t.retransmissionQueue) {
      if (e.seq !== at) return `retransmission queue gap at ${at}`;
      at += e.len + (e.syn ? 1 : 0) + (e.fin ? 1 : 0);
    }
    if (at !== t.sndNxt) return `retransmission queue ends at ${at}, SND.NXT ${t.sndNxt}`;
  }
  if (t.sendQueue < 0) return 'negative send queue';
  if (t.rto < t.config.rto && t.rto !== t.config.rto) return 'RTO below its initial value';
  if (t.rto > Math.max(RTO_MAX, t.config.rto)) return 'RTO above RTO_MAX';
  if (t.state === 'LISTEN' && t.origin !== 'passive') return 'LISTEN without passive origin';
  if (now < 0) return 'time went negative';
  return null;
}

function applyAction(t: Tcb, action: Action, now: number): { input: Input; now: number } {
  now += action.after;
  switch (action.kind) {
    case 'call':
      return { input: { kind: 'call', call: action.call, bytes: action.bytes }, now };
    case 'segment':
      return { input: { kind: 'segment', segment: realise(action.plan, t) }, now };
    case 'timer': {
      const at = t.timers[action.timer];
      if (action.atDeadline && at !== null && at > now) now = at;
      return { input: { kind: 'timer', timer: action.timer }, now };
    }
  }
}

describe('one endpoint under random inputs', () => {
  it('never throws, never leaves the 11 states, keeps the TCB invariants and the transition records consistent', () => {
    fc.assert(
      fc.property(configArb, fc.array(actionArb, { maxLength: 60 }), (config, actions) => {
        let t = createEndpoint(config);
        let now = 0;
        for (const action of actions) {
          const applied = applyAction(t, action, now);
          now = applied.now;
          const before = t;
          const r = step(before, applied.input, now);
          t = r.tcb;
          const where = `after ${JSON.stringify(applied.input)} at ${now} in ${before.state}`;
          expect(violation(t, now), where).toBeNull();
          expect(recordMismatches(before, applied.input, r), where).toEqual([]);
          if (r.transition !== null) {
            expect(hasTransition(r.transition), where).toBe(true);
            const record = transitionById(r.transition);
            expect([record.from, record.to], `${r.transition} ${where}`).toEqual([before.state, t.state]);
          } else {
            expect(t.state, `state changed without a transition ${where}`).toBe(before.state);
          }
          const stateOutputs = r.outputs.filter((o) => o.type === 'state');
          expect(stateOutputs.length, where).toBe(before.state === t.state ? 0 : 1);
          for (const o of r.outputs) {
            if (o.type === 'send') expect(o.segment.ack === null, where).toBe(!o.segment.flags.includes('ACK'));
            if (o.type === 'timer' && o.action === 'start') expect(o.duration, where).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});

/** Two endpoints on a wire that may drop, duplicate or reorder segments. */
function runPair(
  configs: [EndpointConfig, EndpointConfig],
  calls: Array<{ side: 0 | 1; call: 'send' | 'close' | 'abort'; bytes: number; at: number }>,
  fate: (n: number) => 'deliver' | 'drop' | 'duplicate',
  reorder: boolean,
): { tcbs: [Tcb, Tcb]; steps: number } {
  const tcbs: [Tcb, Tcb] = [createEndpoint(configs[0]), createEndpoint(configs[1])];
  let inFlight: Array<{ to: 0 | 1; segment: Segment; at: number }> = [];
  let now = 0;
  let steps = 0;
  let sentCount = 0;
  const apply = (side: 0 | 1, input: Input) => {
    const before = tcbs[side];
    const r = step(before, input, now);
    steps += 1;
    tcbs[side] = r.tcb;
    const problem = violation(r.tcb, now);
    if (problem) throw new Error(`${problem} after ${JSON.stringify(input)} in ${before.state}`);
    const mismatches = recordMismatches(before, input, r);
    if (mismatches.length > 0) throw new Error(`${mismatches.join('; ')} after ${JSON.stringify(input)} in ${before.state}`);
    if (r.transition !== null) {
      const rec = transitionById(r.transition);
      if (rec.from !== before.state || rec.to !== r.tcb.state) throw new Error(`inconsistent ${r.transition}`);
    }
    for (const o of r.outputs) {
      if (o.type !== 'send') continue;
      const f = fate(sentCount++);
      if (f === 'drop') continue;
      const delay = reorder && sentCount % 3 === 0 ? 15 : 10;
      inFlight.push({ to: side === 0 ? 1 : 0, segment: o.segment, at: now + delay });
      if (f === 'duplicate') inFlight.push({ to: side === 0 ? 1 : 0, segment: o.segment, at: now + delay + 1 });
    }
  };
  apply(1, { kind: 'call', call: 'listen' });
  apply(0, { kind: 'call', call: 'connect' });
  const pending = [...calls].sort((a, b) => a.at - b.at);
  for (let guard = 0; guard < 100_000; guard++) {
    const timers = [0, 1].map((side) => ({ side: side as 0 | 1, next: nextTimer(tcbs[side as 0 | 1]) }));
    const candidates: Array<{ at: number; run: () => void }> = [];
    const seg = inFlight.reduce<(typeof inFlight)[number] | null>((best, s) => (best === null || s.at < best.at ? s : best), null);
    if (seg) candidates.push({ at: seg.at, run: () => { inFlight = inFlight.filter((s) => s !== seg); apply(seg.to, { kind: 'segment', segment: seg.segment }); } });
    for (const { side, next } of timers) if (next) candidates.push({ at: next.at, run: () => apply(side, { kind: 'timer', timer: next.timer }) });
    const c = pending[0];
    if (c) candidates.push({ at: c.at, run: () => { pending.shift(); apply(c.side, { kind: 'call', call: c.call, bytes: c.bytes }); } });
    if (candidates.length === 0) break;
    const first = candidates.reduce((a, b) => (b.at < a.at ? b : a));
    now = Math.max(now, first.at);
    first.run();
  }
  return { tcbs, steps };
}

const pairConfigArb = fc.tuple(configArb, configArb).map(([a, b]): [EndpointConfig, EndpointConfig] => [
  { ...a, iss: 1000, synRetries: 3, retries: 4, rto: Math.max(a.rto, 50), msl: Math.min(a.msl, 5000) },
  { ...b, iss: 5000, synRetries: 3, retries: 4, rto: Math.max(b.rto, 50), msl: Math.min(b.msl, 5000) },
]);
const pairCallsArb = fc.array(
  fc.record({ side: fc.constantFrom(0 as const, 1 as const), call: fc.constantFrom('send' as const, 'close' as const, 'abort' as const), bytes: fc.integer({ min: 0, max: 4000 }), at: fc.integer({ min: 0, max: 20_000 }) }),
  { maxLength: 8 },
);

describe('two endpoints on a wire', () => {
  it('keep every invariant whatever the wire drops, duplicates or reorders', () => {
    fc.assert(
      fc.property(pairConfigArb, pairCallsArb, fc.array(fc.constantFrom('deliver', 'deliver', 'deliver', 'drop', 'duplicate'), { minLength: 1, maxLength: 40 }), fc.boolean(), (configs, calls, fates, reorder) => {
        runPair(configs, calls, (n) => (fates[n % fates.length] as 'deliver' | 'drop' | 'duplicate'), reorder);
      }),
      { numRuns: 400 },
    );
  });

  it('on a lossless wire, once both applications close, both ends reach CLOSED when the timers run out', () => {
    fc.assert(
      fc.property(pairConfigArb, fc.array(fc.integer({ min: 0, max: 4000 }), { maxLength: 4 }), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 3000 }), (configs, sends, closeA, closeB) => {
        const calls = [
          ...sends.map((bytes, i) => ({ side: (i % 2) as 0 | 1, call: 'send' as const, bytes, at: 100 + i })),
          { side: 0 as const, call: 'close' as const, bytes: 0, at: 200 + closeA },
          { side: 1 as const, call: 'close' as const, bytes: 0, at: 200 + closeB },
        ];
        const { tcbs } = runPair(configs, calls, () => 'deliver', false);
        expect(tcbs.map((t) => t.state)).toEqual(['CLOSED', 'CLOSED']);
        // Everything either side sent was delivered to the other.
        const sentBy = [0, 1].map((side) => sends.filter((_, i) => i % 2 === side).reduce((a, b) => a + b, 0));
        expect([tcbs[1].bytesReceived, tcbs[0].bytesReceived]).toEqual(sentBy);
      }),
      { numRuns: 300 },
    );
  });
});
