/**
 * Messages between the replay page and the capture worker. The page sends `open` with the file's
 * bytes (transfer the ArrayBuffer) or pasted text, then `replay` for the connection the reader picks.
 * Every answer carries the request's id.
 */
import { CaptureError } from './capture-error';
import type { CaptureSession, CaptureSummary } from './capture-session';
import type { ParseProgress } from './captured-segment';
import type { ConnectionReplay } from './replay';

export type WorkerRequest =
  | { type: 'open'; id: number; input: ArrayBuffer | string; progressEvery?: number }
  | { type: 'replay'; id: number; connection: number };

export type WorkerResponse =
  | ({ type: 'progress'; id: number } & ParseProgress)
  | { type: 'opened'; id: number; summary: CaptureSummary }
  | { type: 'replayed'; id: number; replay: ConnectionReplay }
  /** `where` is the byte offset or line of the fault when the input is at fault. */
  | {
      type: 'error';
      id: number;
      message: string;
      where: { byteOffset: number | null; line: number | null } | null;
      /** The fault's catalogue code and parameters, so the page can say it in its language (CaptureError). */
      code?: string | null;
      params?: Record<string, string | number>;
    };

/** Progress is reported this often by default: often enough for a bar, rarely enough to cost nothing. */
export const DEFAULT_PROGRESS_EVERY = 5_000;

export function handleWorkerRequest(session: CaptureSession, request: WorkerRequest, post: (response: WorkerResponse) => void): void {
  const id = typeof request?.id === 'number' ? request.id : -1;
  try {
    if (request?.type === 'open') {
      const input = typeof request.input === 'string' ? request.input : new Uint8Array(request.input);
      const summary = session.open(input, (progress) => post({ type: 'progress', id, ...progress }), request.progressEvery ?? DEFAULT_PROGRESS_EVERY);
      post({ type: 'opened', id, summary });
    } else if (request?.type === 'replay') {
      post({ type: 'replayed', id, replay: session.replay(request.connection) });
    } else {
      post({ type: 'error', id, message: `unknown request ${JSON.stringify((request as { type?: unknown })?.type)}`, where: null });
    }
  } catch (error) {
    if (error instanceof CaptureError) {
      post({ type: 'error', id, message: error.message, where: { byteOffset: error.byteOffset, line: error.line }, code: error.code, params: error.params });
    } else {
      const message = (error as Error)?.message ?? String(error);
      post({ type: 'error', id, message: `internal error: ${message}`, where: null, code: 'internal', params: { message } });
    }
  }
}
