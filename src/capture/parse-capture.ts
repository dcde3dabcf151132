import { CaptureError } from './capture-error';
import type { ParsedCapture } from './captured-segment';
import { isPcap, parsePcap } from './pcap';
import { isPcapng, parsePcapng } from './pcapng';
import { parseTcpdumpText, type TextParseOptions } from './tcpdump-text';

const MODIFIED_PCAP_MAGIC = [0xa1b2cd34, 0x34cdb2a1];

/** Any capture we read: pcap and pcapng by their magic numbers, anything else as `tcpdump -nn` text. */
export function parseCapture(input: Uint8Array | string, options: TextParseOptions = {}): ParsedCapture {
  if (typeof input === 'string') return parseTcpdumpText(input, options);
  if (isPcapng(input)) return parsePcapng(input, options);
  if (isPcap(input)) return parsePcap(input, options);
  if (input.length >= 4) {
    const magic = new DataView(input.buffer, input.byteOffset, 4).getUint32(0);
    if (MODIFIED_PCAP_MAGIC.includes(magic)) {
      throw new CaptureError('this is a "modified" (Kuznetsov) pcap; save it as classic pcap or pcapng first', { byteOffset: 0 }, { code: 'modifiedPcap' });
    }
  }
  if (looksBinary(input)) {
    const start = [...input.subarray(0, 4)].map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(' ');
    throw new CaptureError(`not a pcap, pcapng or tcpdump text file (it starts with ${start})`, { byteOffset: 0 }, { code: 'unknownFormat', params: { start } });
  }
  return parseTcpdumpText(new TextDecoder().decode(input), options);
}

/** Text has no NUL bytes and few control characters in its first kilobytes. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) control++;
  }
  return control > sample.length / 20;
}
