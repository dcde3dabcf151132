/**
 * The replay page's handle on the capture worker:
 *
 *   const client = new CaptureWorkerClient();
 *   const summary = await client.open(await file.arrayBuffer(), (p) => bar.value = p.done / p.total);
 *   const replay = await client.replay(summary.connections[0].id);
 *
 * Failures reject with a CaptureError whose message names the byte offset or line.
 */
import { CaptureError } from './capture-error';
import type { CaptureSummary } from './capture-session';
import type { ParseProgress } from './captured-segment';
import type { ConnectionReplay } from './replay';
import type { WorkerRequest, WorkerResponse } from './worker-protocol';

/** The part of the Worker interface the client uses (a real Worker, or a stand-in in tests). */
export interface WorkerLike {
  postMessage(message: WorkerRequest, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

interface Pending {
  resolve: (value: never) => void;
  reject: (error: Error) => void;
  onProgress?: (progress: ParseProgress) => void;
}

export class CaptureWorkerClient {
  private readonly worker: WorkerLike;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(createWorker: () => WorkerLike = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike) {
    this.worker = createWorker();
    this.worker.onmessage = (event) => this.receive(event.data);
    this.worker.onerror = (event) => {
      const error = new Error(`the capture worker failed: ${event.message || 'unknown error'}`);
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
    };
  }

  /** Parse a capture. An ArrayBuffer is transferred to the worker (it becomes unusable here). */
  open(input: ArrayBuffer | string, onProgress?: (progress: ParseProgress) => void): Promise<CaptureSummary> {
    const id = this.nextId++;
    return new Promise<CaptureSummary>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: never) => void, reject, onProgress });
      this.worker.postMessage({ type: 'open', id, input }, typeof input === 'string' ? [] : [input]);
    });
  }

  replay(connection: number): Promise<ConnectionReplay> {
    const id = this.nextId++;
    return new Promise<ConnectionReplay>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: never) => void, reject });
      this.worker.postMessage({ type: 'replay', id, connection });
    });
  }

  dispose(): void {
    this.worker.terminate();
    for (const pending of this.pending.values()) pending.reject(new Error('the capture worker was stopped'));
    this.pending.clear();
  }

  private receive(response: WorkerResponse): void {
    const pending = this.pending.get(response.id);
    if (!pending) return;
    switch (response.type) {
      case 'progress':
        pending.onProgress?.({ done: response.done, total: response.total, packets: response.packets });
        return;
      case 'opened':
        this.pending.delete(response.id);
        pending.resolve(response.summary as never);
        return;
      case 'replayed':
        this.pending.delete(response.id);
        pending.resolve(response.replay as never);
        return;
      case 'error': {
        this.pending.delete(response.id);
        // CaptureError's constructor prefixes the location; the message already has it.
        const error = new CaptureError(response.message, {}, response.code ? { code: response.code, params: response.params } : null);
        Object.assign(error, { byteOffset: response.where?.byteOffset ?? null, line: response.where?.line ?? null });
        pending.reject(error);
        return;
      }
    }
  }
}
