import { describe, expect, it } from 'vitest';
import { CaptureError } from './capture-error';
import { CaptureSession } from './capture-session';
import { tcpFrame, writePcap } from './test-support/capture-writer';
import { syntheticConnections } from './test-support/synthetic-connections';
import { CaptureWorkerClient, type WorkerLike } from './worker-client';
import { handleWorkerRequest, type WorkerRequest, type WorkerResponse } from './worker-protocol';

function bigCapture(connections: number): Uint8Array {
  const segments = syntheticConnections({ connections, dataSegments: 10, payload: 100 });
  return writePcap(segments.map((s) => ({ time: s.time, bytes: tcpFrame(s) })));
}

/** A worker stand-in that runs the real request handler, answering asynchronously like a Worker. */
function inProcessWorker(): WorkerLike {
  const session = new CaptureSession();
  const worker: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(request: WorkerRequest) {
      // Structured clone, as postMessage does: nothing is shared with the page.
      const copy = structuredClone(request);
      queueMicrotask(() =>
        handleWorkerRequest(session, copy, (response) => worker.onmessage?.({ data: structuredClone(response) } as MessageEvent<WorkerResponse>)),
      );
    },
    terminate() {},
  };
  return worker;
}

describe('capture session and worker protocol', () => {
  it('opens a capture, lists its connections, and replays the one picked', () => {
    const session = new CaptureSession();
    const summary = session.open(bigCapture(3));
    expect(summary).toMatchObject({ format: 'pcap', packets: 3 * 37, tcpSegments: 3 * 37, linkTypes: ['Ethernet'] });
    expect(summary.connections.map((c) => [c.id, c.segments, c.opens])).toEqual([[1, 37, true], [2, 37, true], [3, 37, true]]);
    expect(session.replay(2).final).toEqual({ [summary.connections[1]!.endpoints[0]]: 'TIME-WAIT', [summary.connections[1]!.endpoints[1]]: 'CLOSED' });
    expect(() => session.replay(9)).toThrow('no connection 9 in this capture (it has 3)');
  });

  it('says there is nothing to replay in a capture without TCP', () => {
    expect(() => new CaptureSession().open('13:00:00.000000 ARP, Request who-has 10.0.0.1 tell 10.0.0.2, length 28')).toThrow(
      'no TCP segment in the capture (1 packet read; skipped: 1 ARP)',
    );
  });

  it('posts progress while parsing a large capture, then the summary', () => {
    const posted: WorkerResponse[] = [];
    const file = bigCapture(200);
    handleWorkerRequest(new CaptureSession(), { type: 'open', id: 7, input: file.buffer as ArrayBuffer, progressEvery: 1000 }, (r) => posted.push(r));
    const progress = posted.filter((r) => r.type === 'progress');
    expect(progress.length).toBe(Math.floor((200 * 37) / 1000) + 1);
    expect(progress.every((p, i) => i === 0 || p.done >= progress[i - 1]!.done)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ done: file.length, total: file.length, packets: 200 * 37 });
    expect(posted.at(-1)).toMatchObject({ type: 'opened', id: 7, summary: { tcpSegments: 200 * 37 } });
  });

  it('answers bad input with the parser\'s located message, never an exception', () => {
    const posted: WorkerResponse[] = [];
    const garbage = Uint8Array.of(0xd4, 0xc3, 0xb2, 0xa1, 1, 2, 3);
    handleWorkerRequest(new CaptureSession(), { type: 'open', id: 1, input: garbage.buffer as ArrayBuffer }, (r) => posted.push(r));
    handleWorkerRequest(new CaptureSession(), { type: 'bogus' } as unknown as WorkerRequest, (r) => posted.push(r));
    expect(posted).toEqual([
      {
        type: 'error',
        id: 1,
        message: 'byte 0: truncated pcap file header (7 of 24 bytes)',
        where: { byteOffset: 0, line: null },
        code: 'pcapHeaderTruncated',
        params: { have: 7, need: 24 },
      },
      { type: 'error', id: -1, message: 'unknown request "bogus"', where: null },
    ]);
  });

  it('gives the page promises: open with progress, replay, located errors', async () => {
    const client = new CaptureWorkerClient(inProcessWorker);
    const seen: number[] = [];
    const file = bigCapture(50);
    const summary = await client.open(file.buffer as ArrayBuffer, (p) => seen.push(p.packets));
    expect(seen.at(-1)).toBe(50 * 37);
    const replay = await client.replay(summary.connections[49]!.id);
    expect(Object.values(replay.final).sort()).toEqual(['CLOSED', 'TIME-WAIT']);
    const failure = await client.open('hello\nworld').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CaptureError);
    expect(failure).toMatchObject({ message: 'line 1: not a tcpdump TCP line', line: 1 });
  });
});
