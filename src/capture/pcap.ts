import { CaptureError } from './capture-error';
import { countSkip, type CapturedSegment, type ParsedCapture, type ParseOptions } from './captured-segment';
import { decodeFrame } from './decode-frame';
import { isSupportedLinkType, linkTypeName } from './link-layer';

/** No real packet is larger (tcpdump's default snaplen); a larger length field means a corrupt file. */
export const MAX_PACKET_BYTES = 262_144;

const GLOBAL_HEADER_BYTES = 24;
const RECORD_HEADER_BYTES = 16;
const MAGIC_MICROSECONDS = 0xa1b2c3d4;
const MAGIC_NANOSECONDS = 0xa1b23c4d;

export function isPcap(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return [view.getUint32(0, false), view.getUint32(0, true)].some((m) => m === MAGIC_MICROSECONDS || m === MAGIC_NANOSECONDS);
}

/** Classic libpcap format (wiki.wireshark.org/Development/LibpcapFileFormat), either byte order, µs or ns timestamps. */
export function parsePcap(bytes: Uint8Array, options: ParseOptions = {}): ParsedCapture {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < GLOBAL_HEADER_BYTES) {
    throw new CaptureError(`truncated pcap file header (${bytes.length} of ${GLOBAL_HEADER_BYTES} bytes)`, { byteOffset: 0 }, { code: 'pcapHeaderTruncated', params: { have: bytes.length, need: GLOBAL_HEADER_BYTES } });
  }
  const littleEndian = view.getUint32(0, true) === MAGIC_MICROSECONDS || view.getUint32(0, true) === MAGIC_NANOSECONDS;
  const magic = view.getUint32(0, littleEndian);
  if (magic !== MAGIC_MICROSECONDS && magic !== MAGIC_NANOSECONDS) {
    throw new CaptureError('not a pcap file (unknown magic number)', { byteOffset: 0 }, { code: 'pcapMagic' });
  }
  const fractionsPerMs = magic === MAGIC_NANOSECONDS ? 1e6 : 1e3;
  const major = view.getUint16(4, littleEndian);
  if (major !== 2) throw new CaptureError(`unsupported pcap version ${major}.${view.getUint16(6, littleEndian)}`, { byteOffset: 4 }, { code: 'pcapVersion', params: { version: `${major}.${view.getUint16(6, littleEndian)}` } });
  // The upper bits of the link-type field carry FCS information (pcap 2.4 extension).
  const linkType = view.getUint32(20, littleEndian) & 0x0fffffff;
  if (!isSupportedLinkType(linkType)) {
    throw new CaptureError(`unsupported ${linkTypeName(linkType)} (supported: Ethernet, raw IP, Linux cooked SLL/SLL2, loopback)`, { byteOffset: 20 }, { code: 'linkType', params: { linkType: linkTypeName(linkType) } });
  }

  const segments: CapturedSegment[] = [];
  const skipped = {};
  const progressEvery = options.progressEvery ?? 10_000;
  let packets = 0;
  let offset = GLOBAL_HEADER_BYTES;
  while (offset < bytes.length) {
    if (bytes.length - offset < RECORD_HEADER_BYTES) {
      throw new CaptureError(`truncated record header (${bytes.length - offset} of ${RECORD_HEADER_BYTES} bytes): the file ends mid-packet`, { byteOffset: offset }, { code: 'recordHeaderTruncated', params: { have: bytes.length - offset, need: RECORD_HEADER_BYTES } });
    }
    const seconds = view.getUint32(offset, littleEndian);
    const fraction = view.getUint32(offset + 4, littleEndian);
    const capturedLength = view.getUint32(offset + 8, littleEndian);
    const lengthOffset = offset + 8;
    offset += RECORD_HEADER_BYTES;
    if (capturedLength > bytes.length - offset) {
      if (capturedLength > MAX_PACKET_BYTES) throw new CaptureError(`record length ${capturedLength} exceeds the file`, { byteOffset: lengthOffset }, { code: 'recordExceedsFile', params: { length: capturedLength } });
      throw new CaptureError(`record length ${capturedLength} exceeds the file (${bytes.length - offset} bytes left): the file is truncated`, { byteOffset: lengthOffset }, { code: 'recordTruncated', params: { length: capturedLength, left: bytes.length - offset } });
    }
    if (capturedLength > MAX_PACKET_BYTES) {
      throw new CaptureError(`record length ${capturedLength} exceeds the ${MAX_PACKET_BYTES}-byte limit for one packet`, { byteOffset: lengthOffset }, { code: 'recordTooLong', params: { length: capturedLength, limit: MAX_PACKET_BYTES } });
    }
    packets++;
    const frame = decodeFrame(bytes, view, offset, offset + capturedLength, linkType, packets, seconds * 1000 + fraction / fractionsPerMs);
    if ('skip' in frame) countSkip(skipped, frame.skip);
    else segments.push(frame);
    offset += capturedLength;
    if (options.onProgress && packets % progressEvery === 0) options.onProgress({ done: offset, total: bytes.length, packets });
  }
  options.onProgress?.({ done: bytes.length, total: bytes.length, packets });
  return { format: 'pcap', segments, packets, skipped, linkTypes: [linkTypeName(linkType)] };
}
