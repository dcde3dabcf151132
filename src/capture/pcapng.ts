import { CaptureError } from './capture-error';
import { countSkip, type CapturedSegment, type ParsedCapture, type ParseOptions } from './captured-segment';
import { decodeFrame } from './decode-frame';
import { isSupportedLinkType, linkTypeName } from './link-layer';
import { MAX_PACKET_BYTES } from './pcap';

// Block types (IETF draft-ietf-opsawg-pcapng §4).
const SECTION_HEADER = 0x0a0d0d0a;
const INTERFACE_DESCRIPTION = 0x00000001;
const OBSOLETE_PACKET = 0x00000002;
const SIMPLE_PACKET = 0x00000003;
const ENHANCED_PACKET = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
// Interface options that change how timestamps read.
const IF_TSRESOL = 9;
const IF_TSOFFSET = 14;
/** Blocks bigger than a packet plus generous room for options are corrupt. */
const MAX_BLOCK_BYTES = MAX_PACKET_BYTES + 65_536;

interface Interface {
  linkType: number;
  snapLength: number;
  /** Timestamp units per millisecond. */
  unitsPerMs: number;
  /** Seconds added to every timestamp (if_tsoffset). */
  offsetSeconds: number;
}

export function isPcapng(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x0a && bytes[1] === 0x0d && bytes[2] === 0x0d && bytes[3] === 0x0a;
}

/** pcapng: sections in either byte order, several interfaces, EPB, SPB and the obsolete packet block. */
export function parsePcapng(bytes: Uint8Array, options: ParseOptions = {}): ParsedCapture {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const segments: CapturedSegment[] = [];
  const skipped = {};
  const linkTypes = new Set<string>();
  const progressEvery = options.progressEvery ?? 10_000;
  let interfaces: Interface[] = [];
  let littleEndian = true;
  let packets = 0;
  let offset = 0;

  while (offset < bytes.length) {
    const blockStart = offset;
    if (bytes.length - offset < 12) {
      throw new CaptureError(`truncated block header (${bytes.length - offset} bytes left, a block needs at least 12)`, { byteOffset: offset }, { code: 'blockHeaderTruncated', params: { left: bytes.length - offset } });
    }
    let blockType = view.getUint32(offset, littleEndian);
    if (blockType === SECTION_HEADER) {
      const magic = view.getUint32(offset + 8, true);
      if (magic === BYTE_ORDER_MAGIC) littleEndian = true;
      else if (view.getUint32(offset + 8, false) === BYTE_ORDER_MAGIC) littleEndian = false;
      else throw new CaptureError('section header has no byte-order magic 0x1A2B3C4D', { byteOffset: offset + 8 }, { code: 'byteOrderMagic' });
      blockType = SECTION_HEADER;
      interfaces = [];
    } else if (blockStart === 0) {
      throw new CaptureError('not a pcapng file (it does not start with a section header block)', { byteOffset: 0 }, { code: 'pcapngStart' });
    }
    const blockLength = view.getUint32(offset + 4, littleEndian);
    if (blockLength < 12 || blockLength % 4 !== 0) {
      throw new CaptureError(`block length ${blockLength} is invalid (must be a multiple of 4, at least 12)`, { byteOffset: offset + 4 }, { code: 'blockLengthInvalid', params: { length: blockLength } });
    }
    if (blockLength > bytes.length - offset) {
      throw new CaptureError(`block length ${blockLength} exceeds the file (${bytes.length - offset} bytes left)`, { byteOffset: offset + 4 }, { code: 'blockExceedsFile', params: { length: blockLength, left: bytes.length - offset } });
    }
    if (blockLength > MAX_BLOCK_BYTES) {
      throw new CaptureError(`block length ${blockLength} exceeds the ${MAX_BLOCK_BYTES}-byte limit for one block`, { byteOffset: offset + 4 }, { code: 'blockTooLong', params: { length: blockLength, limit: MAX_BLOCK_BYTES } });
    }
    const blockEnd = offset + blockLength;
    const trailer = view.getUint32(blockEnd - 4, littleEndian);
    if (trailer !== blockLength) {
      throw new CaptureError(`block length ${blockLength} does not match its trailing copy ${trailer}`, { byteOffset: blockEnd - 4 }, { code: 'blockTrailer', params: { length: blockLength, trailer } });
    }
    const body = offset + 8;
    const bodyEnd = blockEnd - 4;

    switch (blockType) {
      case SECTION_HEADER:
        if (bodyEnd - body < 16) throw new CaptureError('truncated section header block', { byteOffset: blockStart }, { code: 'truncatedSectionHeader' });
        break;
      case INTERFACE_DESCRIPTION: {
        if (bodyEnd - body < 8) throw new CaptureError('truncated interface description block', { byteOffset: blockStart }, { code: 'truncatedInterface' });
        const linkType = view.getUint16(body, littleEndian);
        const iface: Interface = { linkType, snapLength: view.getUint32(body + 4, littleEndian), unitsPerMs: 1000, offsetSeconds: 0 };
        readInterfaceOptions(bytes, view, body + 8, bodyEnd, littleEndian, iface);
        interfaces.push(iface);
        if (isSupportedLinkType(linkType)) linkTypes.add(linkTypeName(linkType));
        break;
      }
      case ENHANCED_PACKET:
      case OBSOLETE_PACKET: {
        if (bodyEnd - body < 20) throw new CaptureError('truncated packet block', { byteOffset: blockStart }, { code: 'truncatedPacket' });
        const enhanced = blockType === ENHANCED_PACKET;
        const interfaceId = enhanced ? view.getUint32(body, littleEndian) : view.getUint16(body, littleEndian);
        const iface = interfaces[interfaceId];
        if (!iface) throw new CaptureError(`packet refers to interface ${interfaceId}, but only ${interfaces.length} are described`, { byteOffset: body }, { code: 'unknownInterface', params: { id: interfaceId, count: interfaces.length } });
        const high = view.getUint32(body + 4, littleEndian);
        const low = view.getUint32(body + 8, littleEndian);
        const capturedLength = view.getUint32(body + 12, littleEndian);
        const data = body + 20;
        if (capturedLength > bodyEnd - data) {
          throw new CaptureError(`packet length ${capturedLength} exceeds its block (${bodyEnd - data} bytes)`, { byteOffset: body + 12 }, { code: 'packetExceedsBlock', params: { length: capturedLength, left: bodyEnd - data } });
        }
        packets++;
        const time = (high * 4294967296 + low) / iface.unitsPerMs + iface.offsetSeconds * 1000;
        addFrame(bytes, view, data, data + capturedLength, iface, packets, time, segments, skipped);
        break;
      }
      case SIMPLE_PACKET: {
        const iface = interfaces[0];
        if (!iface) throw new CaptureError('simple packet block before any interface description', { byteOffset: blockStart }, { code: 'simpleBeforeInterface' });
        if (bodyEnd - body < 4) throw new CaptureError('truncated simple packet block', { byteOffset: blockStart }, { code: 'truncatedSimplePacket' });
        const originalLength = view.getUint32(body, littleEndian);
        const data = body + 4;
        let capturedLength = Math.min(originalLength, bodyEnd - data);
        if (iface.snapLength > 0) capturedLength = Math.min(capturedLength, iface.snapLength);
        packets++;
        // A simple packet block has no timestamp.
        addFrame(bytes, view, data, data + capturedLength, iface, packets, 0, segments, skipped);
        break;
      }
      default:
        // Name resolution, statistics, custom blocks…: nothing we need.
        break;
    }
    offset = blockEnd;
    if (options.onProgress && packets > 0 && packets % progressEvery === 0 && isPacketBlock(blockType)) {
      options.onProgress({ done: offset, total: bytes.length, packets });
    }
  }
  options.onProgress?.({ done: bytes.length, total: bytes.length, packets });
  return { format: 'pcapng', segments, packets, skipped, linkTypes: [...linkTypes] };
}

function isPacketBlock(blockType: number): boolean {
  return blockType === ENHANCED_PACKET || blockType === SIMPLE_PACKET || blockType === OBSOLETE_PACKET;
}

function addFrame(
  bytes: Uint8Array, view: DataView, start: number, end: number, iface: Interface,
  index: number, time: number, segments: CapturedSegment[], skipped: Record<string, number>,
): void {
  if (!isSupportedLinkType(iface.linkType)) {
    countSkip(skipped, `unsupported ${linkTypeName(iface.linkType)}`);
    return;
  }
  const frame = decodeFrame(bytes, view, start, end, iface.linkType, index, time);
  if ('skip' in frame) countSkip(skipped, frame.skip);
  else segments.push(frame);
}

function readInterfaceOptions(bytes: Uint8Array, view: DataView, offset: number, end: number, littleEndian: boolean, iface: Interface): void {
  while (offset + 4 <= end) {
    const code = view.getUint16(offset, littleEndian);
    const length = view.getUint16(offset + 2, littleEndian);
    const value = offset + 4;
    if (code === 0) return; // opt_endofopt
    if (value + length > end) throw new CaptureError(`interface option ${code} of length ${length} runs past its block`, { byteOffset: offset + 2 }, { code: 'optionPastBlock', params: { code, length } });
    if (code === IF_TSRESOL && length >= 1) {
      const resolution = bytes[value]!;
      const exponent = resolution & 0x7f;
      // High bit set: a power of two; otherwise a power of ten (units per second).
      const unitsPerSecond = resolution & 0x80 ? 2 ** exponent : 10 ** exponent;
      if (!Number.isFinite(unitsPerSecond) || unitsPerSecond < 1) {
        throw new CaptureError(`interface timestamp resolution 0x${resolution.toString(16)} is not usable`, { byteOffset: value }, { code: 'timestampResolution', params: { resolution: `0x${resolution.toString(16)}` } });
      }
      iface.unitsPerMs = unitsPerSecond / 1000;
    } else if (code === IF_TSOFFSET && length >= 8) {
      const high = view.getInt32(value + (littleEndian ? 4 : 0), littleEndian);
      const low = view.getUint32(value + (littleEndian ? 0 : 4), littleEndian);
      iface.offsetSeconds = high * 4294967296 + low;
    }
    offset = value + ((length + 3) & ~3);
  }
}
