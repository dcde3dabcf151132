/**
 * Web Worker entry: parses and replays captures off the page's main thread, so a 50 MB file does
 * not freeze the tab. Create it with worker-client.ts (`new CaptureWorkerClient()`).
 */
import { CaptureSession } from './capture-session';
import { handleWorkerRequest, type WorkerRequest, type WorkerResponse } from './worker-protocol';

// Typed by hand: the DOM and WebWorker libraries cannot both be in one program.
const scope = globalThis as unknown as {
  onmessage: ((event: { data: WorkerRequest }) => void) | null;
  postMessage(message: WorkerResponse): void;
};

const session = new CaptureSession();
scope.onmessage = (event) => handleWorkerRequest(session, event.data, (response) => scope.postMessage(response));
