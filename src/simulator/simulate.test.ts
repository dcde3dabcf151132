import { describe, expect, it } from 'vitest';
import { transitionById } from '../machine/definition';
import { formatSegment } from '../machine/format';
import { parseScenario, type Scenario } from './scenario';
import { loadScenario, scenarioNames } from './scenario-files';
import { Simulation, simulate } from './simulate';
import type { SegmentEvent, Trace, TraceEvent } from './trace';

/** A client/server scenario with the server listening and the client connecting at 0. */
function openScenario(extra: Record<string, unknown> = {}, steps: unknown[] = []): Scenario {
  return parseScenario({
    endpoints: { client: { iss: 1000 }, server: { iss: 5000 } },
    steps: [{ at: 0, endpoint: 'server', call: 'listen' }, { at: 0, endpoint: 'client', call: 'connect' }, ...steps],
    ...extra,
  });
}

const sends = (trace: Trace, endpoint?: string) =>
  trace.events.filter((e): e is SegmentEvent => e.type === 'send' && (endpoint === undefined || e.endpoint === endpoint));
const receives = (trace: Trace, endpoint?: string) =>
  trace.events.filter((e): e is SegmentEvent => e.type === 'receive' && (endpoint === undefined || e.endpoint === endpoint));
const line = (e: SegmentEvent) => `${e.t} ${e.endpoint} ${e.type} ${formatSegment(e.segment)}`;

describe('the network', () => {
  it('delivers each segment after the one-way delay', () => {
    const trace = simulate(openScenario({ options: { delay: 7 } }));
    expect(receives(trace).map((e) => e.t)).toEqual([7, 14, 21]);
  });

  it('network.drop counts the segments a sender sends from 1, retransmissions included', () => {
    const trace = simulate(openScenario({ network: { drop: [{ from: 'client', nth: 1 }, { from: 'client', nth: 2 }] } }));
    const syns = sends(trace, 'client').filter((e) => e.segment.flags.includes('SYN'));
    // Lost at 0 and at 1000 (the first retransmission), through at 3000 after the RTO doubled.
    expect(syns.map((e) => e.t)).toEqual([0, 1000, 3000]);
    expect(trace.events.filter((e) => e.type === 'drop').map((e) => e.t)).toEqual([0, 1000]);
    expect(trace.final).toEqual({ client: 'ESTABLISHED', server: 'ESTABLISHED' });
  });

  it('a dropped segment appears first as its sender’s send, then as a drop with the same id, and is never received', () => {
    const trace = simulate(loadScenario('lost-fin'));
    const drop = trace.events.find((e): e is SegmentEvent => e.type === 'drop')!;
    const index = trace.events.indexOf(drop);
    const send = trace.events.findIndex((e) => e.type === 'send' && e.id === drop.id);
    expect(send).toBeGreaterThanOrEqual(0);
    expect(send).toBeLessThan(index);
    expect(receives(trace).some((e) => e.id === drop.id)).toBe(false);
  });

  it('every received segment was sent earlier under the same id with the same contents, unless it was injected', () => {
    for (const name of scenarioNames()) {
      const trace = simulate(loadScenario(name));
      for (const received of receives(trace)) {
        if (received.injected) continue;
        const sent = sends(trace).find((e) => e.id === received.id);
        expect(sent, `${name}: receive of segment ${received.id}`).toBeDefined();
        expect(sent!.segment).toEqual(received.segment);
        expect(sent!.endpoint).not.toBe(received.endpoint);
        expect(sent!.t).toBeLessThanOrEqual(received.t);
      }
    }
  });

  it('network.duplicate delivers that segment twice under one id; the copy of a handshake ACK is harmless', () => {
    const trace = simulate(openScenario({ network: { duplicate: [{ from: 'client', nth: 2 }] } }));
    const ack = sends(trace, 'client')[1]!;
    expect(receives(trace, 'server').filter((e) => e.id === ack.id).map((e) => e.t)).toEqual([150, 150]);
    expect(trace.final).toEqual({ client: 'ESTABLISHED', server: 'ESTABLISHED' });
  });

  it('network.duplicate with extraDelay delivers the copy that much later', () => {
    const trace = simulate(openScenario({ network: { duplicate: [{ from: 'client', nth: 1, extraDelay: 500 }] } }));
    const syn = sends(trace, 'client')[0]!;
    expect(receives(trace, 'server').filter((e) => e.id === syn.id).map((e) => e.t)).toEqual([50, 550]);
  });

  it('network.reorder holds a segment until the sender’s next one has arrived, then delivers it right after', () => {
    const trace = simulate(
      openScenario({ network: { reorder: [{ from: 'client', nth: 2 }] } }, [{ at: 500, endpoint: 'client', call: 'send', bytes: 10 }]),
    );
    const [, handshakeAck, data] = sends(trace, 'client');
    const atServer = receives(trace, 'server').map((e) => e.id);
    expect(atServer.indexOf(handshakeAck!.id!)).toBe(atServer.indexOf(data!.id!) + 1);
    expect(receives(trace, 'server').find((e) => e.id === handshakeAck!.id)!.t).toBe(550);
  });

  it('network.reorder with extraDelay delivers the segment that much later instead', () => {
    const trace = simulate(openScenario({ network: { reorder: [{ from: 'client', nth: 1, extraDelay: 30 }] } }));
    expect(receives(trace, 'server')[0]!.t).toBe(80);
  });

  it('a held segment whose sender never sends again arrives when nothing else is left to happen', () => {
    const trace = simulate(openScenario({ network: { reorder: [{ from: 'client', nth: 2 }] } }));
    // The server retransmits SYN,ACK at 1050; the client's re-ACK releases the held ACK right after it.
    const last = receives(trace, 'server').at(-1)!;
    expect(last.t).toBe(1150);
    expect(trace.final).toEqual({ client: 'ESTABLISHED', server: 'ESTABLISHED' });
  });

  it('lossRate with a seed loses the same segments on every run, and another seed loses others', () => {
    const lossy = (seed: number) =>
      simulate(
        openScenario({ network: { lossRate: 0.4, seed } }, [
          { at: 2000, endpoint: 'client', call: 'send', bytes: 5000 },
          { at: 4000, endpoint: 'client', call: 'close' },
          { at: 9000, endpoint: 'server', call: 'close' },
        ]),
      );
    const lost = (trace: Trace) => trace.events.filter((e) => e.type === 'drop').map((e) => `${e.t}:${e.endpoint}`);
    const first = lossy(7);
    expect(lossy(7)).toEqual(first);
    expect(lost(first).length).toBeGreaterThan(0);
    expect(lost(first).length).toBeLessThan(sends(first).length);
    expect(lost(lossy(8))).not.toEqual(lost(first));
  });
});

describe('steps, timers and crashes', () => {
  it('steps that share a time run in the order listed', () => {
    const trace = simulate(
      parseScenario({
        endpoints: { A: {}, B: {} },
        steps: [
          { at: 0, endpoint: 'B', call: 'connect' },
          { at: 0, endpoint: 'A', call: 'connect' },
        ],
      }),
    );
    expect(sends(trace).slice(0, 2).map((e) => `${e.endpoint} ${formatSegment(e.segment)}`)).toEqual([
      'B SYN seq=5000 len=0',
      'A SYN seq=1000 len=0',
    ]);
  });

  it('steps listed out of time order still run at their times', () => {
    const trace = simulate(
      parseScenario({
        endpoints: { client: {}, server: {} },
        steps: [
          { at: 100, endpoint: 'client', call: 'connect' },
          { at: 0, endpoint: 'server', call: 'listen' },
        ],
      }),
    );
    expect(sends(trace, 'client')[0]!.t).toBe(100);
    expect(trace.final).toEqual({ client: 'ESTABLISHED', server: 'ESTABLISHED' });
  });

  it('a timer fires at the deadline its last start announced', () => {
    for (const name of scenarioNames()) {
      const trace = simulate(loadScenario(name));
      const armed = new Map<string, number>();
      for (const e of trace.events) {
        if (e.type !== 'timer') continue;
        const key = `${e.endpoint}/${e.name}`;
        if (e.action === 'start') armed.set(key, e.deadline!);
        else if (e.action === 'stop') armed.delete(key);
        else {
          expect(armed.get(key), `${name}: ${key} fired at ${e.t}`).toBe(e.t);
          armed.delete(key);
        }
      }
    }
  });

  it('events are in time order', () => {
    for (const name of scenarioNames()) {
      const times = simulate(loadScenario(name)).events.map((e) => e.t);
      expect(times, name).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it('a refused user call is an error event with the RFC’s message', () => {
    const trace = simulate(
      parseScenario({
        endpoints: { client: {}, server: {} },
        steps: [{ at: 0, endpoint: 'client', call: 'close' }],
      }),
    );
    expect(trace.events).toEqual([{ t: 0, endpoint: 'client', type: 'error', message: 'connection does not exist', transition: 'closed-close' }]);
  });

  it('a crash of an endpoint that has no connection changes nothing and sends nothing', () => {
    const trace = simulate(parseScenario({ endpoints: { a: {}, b: {} }, steps: [{ at: 5, endpoint: 'a', call: 'crash' }] }));
    expect(trace.events).toEqual([]);
    expect(trace.final).toEqual({ a: 'CLOSED', b: 'CLOSED' });
  });

  it('a crash in SYN-RECEIVED takes the pending SYN,ACK retransmission with it', () => {
    const trace = simulate(
      openScenario({ network: { drop: [{ from: 'client', nth: 2 }] } }, [{ at: 500, endpoint: 'server', call: 'crash' }]),
    );
    expect(trace.events.filter((e) => e.endpoint === 'server' && e.t > 500)).toEqual([]);
    expect(trace.final).toEqual({ client: 'ESTABLISHED', server: 'CLOSED' });
  });

  it('until stops the simulation at that virtual time', () => {
    const scenario = { ...loadScenario('normal-open-close'), until: 1500 };
    const trace = simulate(scenario);
    expect(Math.max(...trace.events.map((e) => e.t))).toBeLessThanOrEqual(1500);
    expect(trace.final).toEqual({ client: 'FIN-WAIT-2', server: 'CLOSE-WAIT' });
  });
});

describe('what the trace carries besides the issue’s fields', () => {
  it('every event of a reducer step names the transition taken, and state events agree with the machine', () => {
    for (const name of scenarioNames()) {
      const trace = simulate(loadScenario(name));
      for (const e of trace.events) {
        if (e.type !== 'state' || e.cause.startsWith('crash')) continue;
        expect(e.transition, `${name}: ${e.from} → ${e.to} at ${e.t}`).toBeDefined();
        const record = transitionById(e.transition!);
        expect([record.from, record.to]).toEqual([e.from, e.to]);
      }
    }
  });

  it('with snapshots, every event carries its endpoint’s variables after the event', () => {
    const trace = simulate(loadScenario('normal-open-close'), { snapshots: true });
    for (const e of trace.events) expect(e.snapshot, `${e.type} at ${e.t}`).toBeDefined();
    const established = trace.events.find((e) => e.type === 'state' && e.endpoint === 'client' && e.to === 'ESTABLISHED')!;
    expect(established.snapshot).toMatchObject({ state: 'ESTABLISHED', iss: 1000, irs: 5000, sndUna: 1001, sndNxt: 1001, rcvNxt: 5001 });
    expect(simulate(loadScenario('normal-open-close')).events.some((e) => e.snapshot)).toBe(false);
  });

  it('the receive of a FIN carries the "connection closing" signal to the user', () => {
    const trace = simulate(loadScenario('normal-open-close'));
    const finAtServer = receives(trace, 'server').find((e) => e.segment.flags.includes('FIN'))!;
    expect(finAtServer.signal).toBe('connection closing');
  });

  it('a forged segment is received with injected: true and its own id', () => {
    const trace = simulate(loadScenario('rst-injection-inexact'));
    const forged = receives(trace).filter((e) => e.injected);
    expect(forged.map(line)).toEqual(['1000 server receive RST seq=1101 len=0']);
    expect(sends(trace).some((e) => e.id === forged[0]!.id)).toBe(false);
  });
});

describe('Simulation, the stepping interface the islands use', () => {
  it('advancing one happening at a time gives the same trace as simulate()', () => {
    for (const name of scenarioNames()) {
      const scenario = loadScenario(name);
      const simulation = new Simulation(scenario);
      const seen: TraceEvent[][] = [];
      while (!simulation.done) {
        const before = simulation.events.length;
        expect(simulation.advance()).toBe(true);
        seen.push(simulation.events.slice(before));
      }
      expect(simulation.advance()).toBe(false);
      expect(simulation.trace(), name).toEqual(simulate(scenario));
      expect(seen.flat()).toEqual(simulation.events);
    }
  });

  it('a clone runs on independently of its original', () => {
    const original = new Simulation(loadScenario('normal-open-close'));
    while (original.now < 1000) original.advance();
    const copy = original.clone();
    copy.call('client', 'abort');
    copy.run();
    original.run();
    expect(original.trace().final).toEqual({ client: 'CLOSED', server: 'CLOSED' });
    expect(original.trace()).toEqual(simulate(loadScenario('normal-open-close')));
    expect(copy.trace().events.some((e) => e.type === 'send' && e.segment.flags.includes('RST'))).toBe(true);
  });

  it('a segment injected live is received at once, like an inject step', () => {
    const simulation = new Simulation(loadScenario('rst-injection-inexact'));
    while (simulation.now < 500) simulation.advance();
    simulation.inject('server', { flags: ['RST'], seq: 1001, ack: null, len: 0 });
    expect(simulation.state('server')).toBe('CLOSED');
    expect(simulation.events.at(-1)).toMatchObject({ type: 'state', endpoint: 'server', from: 'ESTABLISHED', to: 'CLOSED' });
  });

  it('is fast enough for the islands to re-simulate a scenario on every edit', () => {
    const scenario = loadScenario('lost-final-ack');
    const began = performance.now();
    for (let i = 0; i < 200; i++) simulate(scenario, { snapshots: true });
    expect((performance.now() - began) / 200).toBeLessThan(5);
  });
});
