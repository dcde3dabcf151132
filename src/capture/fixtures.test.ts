/**
 * Real Linux connections recorded on the loopback interface by scripts/capture-fixtures.sh:
 * the replay must leave each side in the state `ss -tan` reported right after the scenario.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { machine } from '../machine/definition';
import type { State } from '../machine/types';
import { replayCapture, type CaptureReplay } from './replay-capture';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const NAMES = readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.pcap'))
  .map((file) => file.slice(0, -'.pcap'.length))
  .sort();
const RENDERINGS = ['pcap', 'pcapng', 'txt', 'S-tttt.txt'] as const;
const STATE_BY_SS = new Map(machine.states.map((s) => [s.ss, s.name]));

function load(name: string, rendering: (typeof RENDERINGS)[number]): CaptureReplay {
  const bytes = readFileSync(`${FIXTURES}${name}.${rendering}`);
  return rendering.endsWith('txt') ? replayCapture(bytes.toString('utf8')) : replayCapture(new Uint8Array(bytes));
}

/** What `ss -tan` said about the socket `local` connected to `peer`; a socket ss does not list is CLOSED. */
function ssState(name: string, local: string, peer: string): State {
  const lines = readFileSync(`${FIXTURES}${name}.ss.txt`, 'utf8').split('\n').slice(2);
  for (const line of lines) {
    const [state, , , localColumn, peerColumn] = line.trim().split(/\s+/);
    if (localColumn === local && peerColumn === peer) {
      const rfcName = STATE_BY_SS.get(state!);
      if (!rfcName) throw new Error(`${name}.ss.txt: unknown ss state ${state}`);
      return rfcName;
    }
  }
  return 'CLOSED';
}

const ACTIVE_CLOSE: State[] = ['SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT'];
const PASSIVE_CLOSE: State[] = ['SYN-RECEIVED', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED'];

/** States each scenario's client and server pass through, as RFC 9293 describes them. */
const EXPECTED: Record<string, { client: State[]; server: State[] }> = {
  'normal-open-close': { client: ACTIVE_CLOSE, server: PASSIVE_CLOSE },
  'normal-open-close-ipv6': { client: ACTIVE_CLOSE, server: PASSIVE_CLOSE },
  'normal-open-close-sll2': { client: ACTIVE_CLOSE, server: PASSIVE_CLOSE },
  'half-close': { client: ACTIVE_CLOSE, server: PASSIVE_CLOSE },
  'half-close-sll': { client: ACTIVE_CLOSE, server: PASSIVE_CLOSE },
  'connection-refused': { client: ['SYN-SENT', 'CLOSED'], server: [] },
  'rst-linger': { client: ['SYN-SENT', 'ESTABLISHED', 'CLOSED'], server: ['SYN-RECEIVED', 'ESTABLISHED', 'CLOSED'] },
  'unread-data-rst': { client: ['SYN-SENT', 'ESTABLISHED', 'CLOSED'], server: ['SYN-RECEIVED', 'ESTABLISHED', 'CLOSED'] },
  'simultaneous-close': {
    client: ['SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'CLOSING', 'TIME-WAIT'],
    server: ['SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'CLOSING', 'TIME-WAIT'],
  },
};

describe('real Linux captures (src/capture/fixtures)', () => {
  it('are all there', () => {
    expect(NAMES).toEqual(expect.arrayContaining(['normal-open-close', 'connection-refused', 'rst-linger', 'half-close', 'normal-open-close-ipv6']));
  });

  for (const name of NAMES) {
    describe(name, () => {
      for (const rendering of RENDERINGS) {
        if (!existsSync(`${FIXTURES}${name}.${rendering}`)) continue;
        it(`leaves each side where ss -tan saw it (${rendering})`, () => {
          const { replays, connections } = load(name, rendering);
          expect(connections).toHaveLength(1);
          const [a, b] = connections[0]!.endpoints;
          expect(replays[0]!.final).toEqual({ [a]: ssState(name, a, b), [b]: ssState(name, b, a) });
        });
      }

      it('replays the same states from the pcap, the pcapng and both tcpdump renderings', () => {
        const renderings = RENDERINGS.filter((r) => existsSync(`${FIXTURES}${name}.${r}`)).map((r) => load(name, r).replays[0]!);
        for (const replay of renderings.slice(1)) {
          expect(replay.states).toEqual(renderings[0]!.states);
          expect(replay.client).toBe(renderings[0]!.client);
        }
      });

      if (name in EXPECTED) {
        it('passes through the states RFC 9293 gives this exchange', () => {
          const replay = load(name, 'pcap').replays[0]!;
          expect(replay.client).not.toBeNull();
          expect(replay.states).toEqual({ [replay.client!]: EXPECTED[name]!.client, [replay.server!]: EXPECTED[name]!.server });
        });
      }
    });
  }

  it('connection-refused: the RST,ACK answers the SYN and nothing listens', () => {
    expect(load('connection-refused', 'pcap').replays[0]!.annotations.map((a) => [a.index, a.kind])).toEqual([[2, 'rst']]);
  });

  it('rst-linger: the client\'s close() with SO_LINGER 0 is an ABORT', () => {
    const replay = load('rst-linger', 'pcap').replays[0]!;
    const reset = replay.timeline.find((entry) => entry.flags.includes('RST'))!;
    expect(reset.calls).toEqual([{ endpoint: replay.client, call: 'abort' }]);
    expect(replay.annotations).toEqual([expect.objectContaining({ index: reset.index, kind: 'rst', text: expect.stringContaining('ABORT') })]);
  });

  it('unread-data-rst: the server\'s close() with unread data resets instead of sending a FIN', () => {
    const replay = load('unread-data-rst', 'pcap').replays[0]!;
    expect(replay.timeline.find((entry) => entry.flags.includes('RST'))!.calls).toEqual([{ endpoint: replay.server, call: 'abort' }]);
  });

  it('half-close: the server sends data in CLOSE-WAIT and the client receives it in FIN-WAIT-2', () => {
    const replay = load('half-close', 'pcap').replays[0]!;
    const response = replay.timeline.find((entry) => entry.src === replay.server && entry.len > 0)!;
    expect(response.states).toEqual({ [replay.server!]: 'CLOSE-WAIT', [replay.client!]: 'FIN-WAIT-2' });
  });

  it('keep-alive: the probes are recognised (SEG.SEQ = SND.UNA − 1) in the pcap', () => {
    const replay = load('keep-alive', 'pcap').replays[0]!;
    expect(replay.annotations.filter((a) => a.kind === 'keep-alive').length).toBeGreaterThanOrEqual(1);
    expect(replay.annotations.filter((a) => a.kind !== 'keep-alive')).toEqual([]);
  });

  it('zero-window: the sender\'s retransmissions into the closed window are annotated', () => {
    const replay = load('zero-window', 'pcap').replays[0]!;
    expect(replay.annotations.some((a) => a.kind === 'retransmission')).toBe(true);
    expect(replay.annotations.filter((a) => a.kind === 'left-rfc-path')).toEqual([]);
  });
});
