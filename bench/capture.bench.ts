/**
 * Capture parse + replay throughput (issue 5: "a benchmark prints parse+replay throughput (segments
 * per second) for a large generated capture"): ~200,000 segments, ~50 MB of pcap.
 * `runCaptureBench()` is also callable on its own; `npm run bench -- capture` runs only this file.
 */
import { splitConnections } from '../src/capture/connections';
import { parseCapture } from '../src/capture/parse-capture';
import { replayConnection } from '../src/capture/replay';
import { replayCapture } from '../src/capture/replay-capture';
import { syntheticConnections, tcpdumpText } from '../src/capture/test-support/synthetic-connections';
import { tcpFrame, writePcap, writePcapng } from '../src/capture/test-support/capture-writer';
import { count, time, type Bench, type Row } from './harness';

const CONNECTIONS = 2_000;
const DATA_SEGMENTS = 33; // each way, each with an ACK: 3 + 99 + 4 = 106 segments per connection
const PAYLOAD = 260;

function best<T>(rounds: number, operation: () => T): { result: T; ms: number } {
  let fastest = time(operation);
  for (let i = 1; i < rounds; i++) {
    const next = time(operation);
    if (next.ms < fastest.ms) fastest = next;
  }
  return fastest;
}

export function runCaptureBench(): Row[] {
  const segments = syntheticConnections({ connections: CONNECTIONS, dataSegments: DATA_SEGMENTS, payload: PAYLOAD });
  const frames = segments.map((s) => ({ time: s.time, bytes: tcpFrame({ ...s, optionBytes: 12 }) }));
  const pcap = writePcap(frames);
  const pcapng = writePcapng(frames);
  const text = tcpdumpText(segments);
  const n = segments.length;
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  const perSecond = (ms: number) => `${count((n * 1000) / ms)} segments/s`;

  const parsedPcap = best(3, () => parseCapture(pcap));
  if (parsedPcap.result.segments.length !== n) throw new Error(`capture bench: parsed ${parsedPcap.result.segments.length} of ${n} segments`);
  const parsedPcapng = best(3, () => parseCapture(pcapng));
  const parsedText = best(3, () => parseCapture(text));
  const connections = splitConnections(parsedPcap.result.segments);
  const replayed = best(3, () => connections.map(replayConnection));
  // The bench refuses to report numbers for a replay that went wrong.
  const wrong = replayed.result.filter((r) => r.annotations.length > 0 || Object.values(r.final).sort().join() !== 'CLOSED,TIME-WAIT');
  if (connections.length !== CONNECTIONS || wrong.length > 0) {
    throw new Error(`capture bench: ${connections.length} connections, ${wrong.length} replayed wrongly`);
  }
  const endToEnd = best(3, () => replayCapture(pcap));

  return [
    { measure: 'generated capture', value: `${count(n)} segments`, detail: `${CONNECTIONS} connections; pcap ${mb(pcap.length)}, pcapng ${mb(pcapng.length)}, text ${mb(text.length)}` },
    { measure: 'parse pcap', value: perSecond(parsedPcap.ms), detail: `${parsedPcap.ms.toFixed(0)} ms, ${((pcap.length / 1e6) / (parsedPcap.ms / 1000)).toFixed(0)} MB/s` },
    { measure: 'parse pcapng', value: perSecond(parsedPcapng.ms), detail: `${parsedPcapng.ms.toFixed(0)} ms` },
    { measure: 'parse tcpdump -S -tttt text', value: perSecond(parsedText.ms), detail: `${parsedText.ms.toFixed(0)} ms` },
    { measure: 'replay (both machines, all connections)', value: perSecond(replayed.ms), detail: `${replayed.ms.toFixed(0)} ms` },
    { measure: 'parse + split + replay, pcap', value: perSecond(endToEnd.ms), detail: `${endToEnd.ms.toFixed(0)} ms for ${mb(pcap.length)}` },
  ];
}

const bench: Bench = { title: 'Capture parse and replay', run: runCaptureBench };
export default bench;
