import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATES } from '../machine/types';
import { loadScenario, scenarioNames } from '../simulator/scenario-files';
import { simulate } from '../simulator/simulate';
import type { Trace } from '../simulator/trace';
import type { CapturedFlag, CapturedSegment } from './captured-segment';
import { splitConnections } from './connections';
import { parseCapture } from './parse-capture';
import { replayConnection, toPublicReplay, type ConnectionReplay } from './replay';
import { replayCapture } from './replay-capture';
import { tcpFrame, writePcap, writePcapng } from './test-support/capture-writer';

const CLIENT = '10.0.0.1:40000';
const SERVER = '10.0.0.2:80';

type Spec = [from: 'c' | 's', flags: CapturedFlag[], seq: number, ack: number | null, len?: number, window?: number];

function capture(specs: Spec[]): CapturedSegment[] {
  return specs.map(([from, flags, seq, ack, len = 0, window = 512], i) => ({
    index: i + 1,
    time: i * 10,
    src: from === 'c' ? CLIENT : SERVER,
    dst: from === 'c' ? SERVER : CLIENT,
    flags,
    seq: seq >>> 0,
    ack: ack === null ? null : ack >>> 0,
    len,
    window,
  }));
}

function replay(specs: Spec[]): ConnectionReplay {
  const connections = splitConnections(capture(specs));
  expect(connections).toHaveLength(1);
  return replayConnection(connections[0]!);
}

const HANDSHAKE: Spec[] = [
  ['c', ['SYN'], 1000, null],
  ['s', ['SYN', 'ACK'], 5000, 1001],
  ['c', ['ACK'], 1001, 5001],
];

/** A receiver-side capture of a simulated scenario: every segment as it arrived. */
function captureOfTrace(trace: Trace): { segments: CapturedSegment[]; address: Record<string, string> } {
  const names = Object.keys(trace.final);
  const address: Record<string, string> = { [names[0]!]: CLIENT, [names[1]!]: SERVER };
  const segments: CapturedSegment[] = [];
  for (const event of trace.events) {
    if (event.type !== 'receive') continue;
    const sender = names.find((n) => n !== event.endpoint)!;
    const { flags, seq, ack, len } = event.segment;
    segments.push({ index: segments.length + 1, time: event.t, src: address[sender]!, dst: address[event.endpoint]!, flags, seq, ack, len, window: 65535 });
  }
  return { segments, address };
}

describe('replay of a connection', () => {
  it('infers CONNECT and LISTEN from a handshake, CLOSE from each FIN, and leaves the active closer in TIME-WAIT', () => {
    const result = replay([
      ...HANDSHAKE,
      ['c', ['FIN', 'ACK'], 1001, 5001],
      ['s', ['ACK'], 5001, 1002],
      ['s', ['FIN', 'ACK'], 5001, 1002],
      ['c', ['ACK'], 1002, 5002],
    ]);
    expect(toPublicReplay(result)).toEqual({
      client: CLIENT,
      server: SERVER,
      states: {
        [CLIENT]: ['SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT'],
        [SERVER]: ['SYN-RECEIVED', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED'],
      },
      final: { [CLIENT]: 'TIME-WAIT', [SERVER]: 'CLOSED' },
      annotations: [],
    });
    expect(result.initial).toEqual({ [CLIENT]: 'CLOSED', [SERVER]: 'LISTEN' });
    expect(result.timeline.map((entry) => entry.calls.map((c) => `${c.endpoint === CLIENT ? 'client' : 'server'} ${c.call}`))).toEqual([
      ['client connect'], [], [], ['client close'], [], ['server close'], [],
    ]);
    expect(result.timeline[3]!.changes).toEqual([
      { endpoint: CLIENT, from: 'ESTABLISHED', to: 'FIN-WAIT-1', transition: 'established-close', cause: 'close' },
      { endpoint: SERVER, from: 'ESTABLISHED', to: 'CLOSE-WAIT', transition: 'established-rcv-fin', cause: 'rcv #4' },
    ]);
  });

  it('gives each segment both states after it, and tcpdump-style relative numbers', () => {
    const result = replay([...HANDSHAKE, ['c', ['ACK', 'PSH'], 1001, 5001, 100]]);
    expect(result.timeline.map((e) => [e.states[CLIENT], e.states[SERVER], e.relativeSeq, e.relativeAck])).toEqual([
      ['SYN-SENT', 'SYN-RECEIVED', 0, null],
      ['ESTABLISHED', 'SYN-RECEIVED', 0, 1],
      ['ESTABLISHED', 'ESTABLISHED', 1, 1],
      ['ESTABLISHED', 'ESTABLISHED', 1, 1],
    ]);
  });

  it('starts both sides in ESTABLISHED when the capture starts mid-connection, and says so', () => {
    const result = replay([
      ['c', ['ACK', 'PSH'], 7000, 9000, 50],
      ['s', ['ACK'], 9000, 7050],
      ['s', ['FIN', 'ACK'], 9000, 7050],
      ['c', ['FIN', 'ACK'], 7050, 9001],
      ['s', ['ACK'], 9001, 7051],
    ]);
    expect(result.client).toBeNull();
    expect(result.server).toBeNull();
    expect(result.initial).toEqual({ [CLIENT]: 'ESTABLISHED', [SERVER]: 'ESTABLISHED' });
    expect(result.states).toEqual({
      [CLIENT]: ['ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED'],
      // The client's FIN,ACK acknowledges the server's FIN too: FIN-WAIT-1 goes straight to TIME-WAIT.
      [SERVER]: ['ESTABLISHED', 'FIN-WAIT-1', 'TIME-WAIT'],
    });
    expect(result.annotations).toEqual([expect.objectContaining({ index: 1, kind: 'mid-connection', text: expect.stringContaining('ESTABLISHED') })]);
  });

  it('rebuilds a SYN the capture missed from the SYN,ACK', () => {
    const result = replay(HANDSHAKE.slice(1));
    expect(result.client).toBe(CLIENT);
    expect(result.states).toEqual({ [CLIENT]: ['SYN-SENT', 'ESTABLISHED'], [SERVER]: ['SYN-RECEIVED', 'ESTABLISHED'] });
    expect(result.annotations[0]).toMatchObject({ index: 1, kind: 'mid-connection' });
  });

  it('ends a refused connection with the client CLOSED after SYN-SENT and the server never leaving CLOSED', () => {
    const result = replay([
      ['c', ['SYN'], 1000, null],
      ['s', ['RST', 'ACK'], 0, 1001],
    ]);
    expect(result.states).toEqual({ [CLIENT]: ['SYN-SENT', 'CLOSED'], [SERVER]: [] });
    expect(result.final).toEqual({ [CLIENT]: 'CLOSED', [SERVER]: 'CLOSED' });
    expect(result.annotations).toEqual([expect.objectContaining({ index: 2, kind: 'rst', text: `RST from ${SERVER}: nothing listens on ${SERVER}: connection refused.` })]);
  });

  it('reads an unprovoked RST at SND.NXT as an ABORT that closes both sides', () => {
    const result = replay([...HANDSHAKE, ['c', ['RST', 'ACK'], 1001, 5001]]);
    expect(result.final).toEqual({ [CLIENT]: 'CLOSED', [SERVER]: 'CLOSED' });
    expect(result.timeline[3]!.calls).toEqual([{ endpoint: CLIENT, call: 'abort' }]);
  });

  it('does not take a RST away from SND.NXT for its claimed sender\'s own reset (RFC 5961 blind reset)', () => {
    const result = replay([...HANDSHAKE, ['c', ['RST'], 1500, null], ['s', ['ACK'], 5001, 1001]]);
    expect(result.final).toEqual({ [CLIENT]: 'ESTABLISHED', [SERVER]: 'ESTABLISHED' });
    expect(result.annotations[0]!.text).toContain('not its own reset');
  });

  it('annotates a retransmitted SYN, retransmitted data and a retransmitted FIN', () => {
    const result = replay([
      ['c', ['SYN'], 1000, null],
      ['c', ['SYN'], 1000, null],
      ['s', ['SYN', 'ACK'], 5000, 1001],
      ['c', ['ACK'], 1001, 5001],
      ['c', ['ACK', 'PSH'], 1001, 5001, 10],
      ['c', ['ACK', 'PSH'], 1001, 5001, 10],
      ['c', ['FIN', 'ACK'], 1011, 5001],
      ['c', ['FIN', 'ACK'], 1011, 5001],
    ]);
    expect(result.annotations.map((a) => [a.index, a.kind])).toEqual([
      [2, 'retransmission'],
      [6, 'retransmission'],
      [8, 'retransmission'],
    ]);
    expect(result.annotations[1]!.text).toBe(`${CLIENT} sent bytes 1:11 again (first sent at #5): a retransmission.`);
  });

  it('infers a lost segment from a gap in the sequence numbers, and carries on', () => {
    const result = replay([...HANDSHAKE, ['c', ['ACK'], 1101, 5001, 50], ['s', ['ACK'], 5001, 1151], ['c', ['FIN', 'ACK'], 1151, 5001], ['s', ['FIN', 'ACK'], 5001, 1152], ['c', ['ACK'], 1152, 5002]]);
    expect(result.annotations.map((a) => [a.index, a.kind])).toEqual([[4, 'lost']]);
    expect(result.annotations[0]!.text).toContain('Bytes 1:101');
    expect(result.final).toEqual({ [CLIENT]: 'TIME-WAIT', [SERVER]: 'CLOSED' });
  });

  it('tells a keep-alive from a zero-window probe by the window the peer advertised', () => {
    const result = replay([
      ...HANDSHAKE,
      ['c', ['ACK'], 1000, 5001],
      ['s', ['ACK'], 5001, 1001],
      ['c', ['ACK', 'PSH'], 1001, 5001, 10],
      ['s', ['ACK'], 5001, 1011, 0, 0],
      ['c', ['ACK'], 1010, 5001],
      ['s', ['ACK'], 5001, 1011, 0, 0],
    ]);
    expect(result.annotations.map((a) => [a.index, a.kind])).toEqual([
      [4, 'keep-alive'],
      [8, 'window-probe'],
    ]);
  });

  it('annotates a duplicate ACK', () => {
    const result = replay([...HANDSHAKE, ['s', ['ACK', 'PSH'], 5001, 1001, 10], ['c', ['ACK'], 1001, 5011], ['c', ['ACK'], 1001, 5011]]);
    expect(result.annotations.map((a) => [a.index, a.kind])).toEqual([[6, 'duplicate']]);
  });

  it('delivers crossing FINs after the peer\'s own FIN: a simultaneous close through CLOSING', () => {
    const result = replay([...HANDSHAKE, ['c', ['FIN', 'ACK'], 1001, 5001], ['s', ['FIN', 'ACK'], 5001, 1001], ['c', ['ACK'], 1002, 5002], ['s', ['ACK'], 5002, 1002]]);
    expect(result.states).toEqual({
      [CLIENT]: ['SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'CLOSING', 'TIME-WAIT'],
      [SERVER]: ['SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'CLOSING', 'TIME-WAIT'],
    });
  });

  it('delivers crossing SYNs after the peer\'s own SYN: a simultaneous open through SYN-RECEIVED', () => {
    const result = replay([
      ['c', ['SYN'], 1000, null],
      ['s', ['SYN'], 5000, null],
      ['c', ['SYN', 'ACK'], 1000, 5001],
      ['s', ['SYN', 'ACK'], 5000, 1001],
    ]);
    expect(result.states).toEqual({ [CLIENT]: ['SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED'], [SERVER]: ['SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED'] });
    expect(result.annotations).toEqual([]);
  });

  it('says where the exchange left the RFC\'s path', () => {
    const result = replay([...HANDSHAKE, ['c', ['FIN', 'ACK'], 1001, 5001], ['s', ['ACK'], 5001, 1002], ['c', ['ACK', 'PSH'], 1002, 5001, 5]]);
    expect(result.annotations).toEqual([
      expect.objectContaining({ index: 6, kind: 'left-rfc-path', text: `Left the RFC's path here: ${CLIENT} sent new data in FIN-WAIT-2, after its own FIN.` }),
    ]);
  });

  it('follows sequence numbers across the 2^32 wrap', () => {
    const result = replay([
      ['c', ['SYN'], 0xffffffff - 5, null],
      ['s', ['SYN', 'ACK'], 0xfffffff0, 0xffffffff - 4],
      ['c', ['ACK', 'PSH'], 0xffffffff - 4, 0xfffffff1, 100],
      ['s', ['ACK'], 0xfffffff1, 95],
      ['s', ['FIN', 'ACK'], 0xfffffff1, 95],
      ['c', ['FIN', 'ACK'], 95, 0xfffffff2],
      ['s', ['ACK'], 0xfffffff2, 96],
    ]);
    expect(result.annotations).toEqual([]);
    expect(result.final).toEqual({ [CLIENT]: 'CLOSED', [SERVER]: 'TIME-WAIT' });
  });

  it('never throws and only reports real states, whatever the segments', () => {
    const spec = fc.tuple(
      fc.constantFrom<'c' | 's'>('c', 's'),
      fc.subarray<CapturedFlag>(['SYN', 'FIN', 'RST', 'ACK']),
      fc.integer({ min: 990, max: 1020 }),
      fc.integer({ min: 4990, max: 5020 }),
      fc.nat({ max: 20 }),
    );
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 25 }), (raw) => {
        const specs: Spec[] = raw.map(([from, flags, a, b, len]) =>
          from === 'c' ? [from, flags, a, flags.includes('ACK') ? b : null, len] : [from, flags, b, flags.includes('ACK') ? a : null, len],
        );
        for (const connection of splitConnections(capture(specs))) {
          const result = replayConnection(connection);
          expect(result.timeline).toHaveLength(connection.segments.length);
          for (const state of Object.values(result.final)) expect(STATES).toContain(state);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('replay of simulated scenarios', () => {
  // A receiver-side capture shows every segment that arrived; the replay must find each side's states
  // as the simulator produced them, up to the end of the capture (no TIME-WAIT timeout).
  const skipped: Record<string, string> = {
    'syn-retries-exhausted': 'no segment ever arrives, so a receiver-side capture is empty',
    'old-duplicate-syn': 'the old SYN and the real one are two incarnations to a capture; checked separately below',
  };
  for (const name of scenarioNames().filter((n) => !(n in skipped))) {
    it(`finds the simulator's states in a capture of ${name}`, () => {
      const trace = simulate(loadScenario(name));
      const { segments, address } = captureOfTrace(trace);
      const expected: Record<string, string[]> = {};
      for (const [endpoint, addr] of Object.entries(address)) {
        expected[addr] = trace.events
          .filter((e) => e.type === 'state' && e.endpoint === endpoint && e.transition !== 'time-wait-timeout' && !(e.from === 'CLOSED' && e.to === 'LISTEN'))
          .map((e) => (e.type === 'state' ? e.to : ''));
      }
      const [connection, ...others] = splitConnections(segments);
      expect(others).toEqual([]);
      expect(replayConnection(connection!).states).toEqual(expected);
    });
  }

  it('splits old-duplicate-syn into the aborted old attempt and the real connection', () => {
    const { segments } = captureOfTrace(simulate(loadScenario('old-duplicate-syn')));
    const replays = splitConnections(segments).map(replayConnection);
    expect(replays).toHaveLength(2);
    expect(replays[1]!.states).toEqual({ [CLIENT]: ['SYN-SENT', 'ESTABLISHED'], [SERVER]: ['SYN-RECEIVED', 'ESTABLISHED'] });
  });

  it('replays a simulated capture written as pcap and as pcapng exactly like the segments themselves', () => {
    const { segments } = captureOfTrace(simulate(loadScenario('data-both-ways')));
    const frames = segments.map((s) => ({ time: 1_764_000_000_000 + s.time, bytes: tcpFrame(s) }));
    const direct = replayConnection(splitConnections(segments)[0]!);
    for (const file of [writePcap(frames), writePcapng(frames)]) {
      expect(parseCapture(file).segments.map((s) => [s.src, s.flags, s.seq, s.ack, s.len])).toEqual(segments.map((s) => [s.src, s.flags, s.seq, s.ack, s.len]));
      expect(replayCapture(file).replays[0]!.states).toEqual(direct.states);
    }
  });
});
