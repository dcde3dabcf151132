/**
 * Builds capture files from segments: the other half of the parsers, for tests and the benchmark.
 * Frames are built layer by layer (TCP → IP → link) so tests can vary each layer.
 */
import type { CapturedFlag } from '../captured-segment';
import { LINKTYPE } from '../link-layer';

export interface SegmentSpec {
  src: string;
  dst: string;
  flags: CapturedFlag[];
  seq: number;
  ack?: number | null;
  len?: number;
  window?: number;
  /** Bytes of TCP options (rounded up to a multiple of 4) the parser must skip. */
  optionBytes?: number;
}

export type Ipv6Extension = 'hop-by-hop' | 'routing' | 'fragment' | 'destination' | 'authentication';

export interface FrameOptions {
  linkType?: number;
  vlanTags?: number;
  ipv4OptionBytes?: number;
  ipv6Extensions?: Ipv6Extension[];
}

export interface Frame {
  /** ms since the epoch */
  time: number;
  bytes: Uint8Array;
  interfaceId?: number;
}

const FLAG_BITS: Record<CapturedFlag, number> = { FIN: 1, SYN: 2, RST: 4, PSH: 8, ACK: 16, URG: 32, ECE: 64, CWR: 128 };

export function splitEndpoint(endpoint: string): { address: string; port: number } {
  const bracketed = /^\[(.+)\]:(\d+)$/.exec(endpoint);
  if (bracketed) return { address: bracketed[1]!, port: Number(bracketed[2]) };
  const at = endpoint.lastIndexOf(':');
  return { address: endpoint.slice(0, at), port: Number(endpoint.slice(at + 1)) };
}

export function addressBytes(address: string): Uint8Array {
  if (!address.includes(':')) return Uint8Array.from(address.split('.').map(Number));
  const [head, tail] = address.split('::') as [string, string | undefined];
  const groups = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = groups(head);
  const right = groups(tail);
  const all = tail === undefined ? left : [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
  const bytes = new Uint8Array(16);
  all.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return bytes;
}

export function tcpSegment(spec: SegmentSpec): Uint8Array {
  const optionBytes = Math.ceil((spec.optionBytes ?? 0) / 4) * 4;
  const headerLength = 20 + optionBytes;
  const len = spec.len ?? 0;
  const bytes = new Uint8Array(headerLength + len);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, splitEndpoint(spec.src).port);
  view.setUint16(2, splitEndpoint(spec.dst).port);
  view.setUint32(4, spec.seq >>> 0);
  view.setUint32(8, (spec.ack ?? 0) >>> 0);
  bytes[12] = (headerLength / 4) << 4;
  bytes[13] = spec.flags.reduce((bits, flag) => bits | FLAG_BITS[flag], 0);
  view.setUint16(14, spec.window ?? 65535);
  // Options: NOPs (kind 1) so the header is well formed; the parser must not read them as data.
  bytes.fill(1, 20, headerLength);
  bytes.fill(0x61, headerLength);
  return bytes;
}

export function udpDatagram(srcPort: number, dstPort: number, payload = 8): Uint8Array {
  const bytes = new Uint8Array(8 + payload);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, srcPort);
  view.setUint16(2, dstPort);
  view.setUint16(4, bytes.length);
  return bytes;
}

export function ipv4Packet(src: string, dst: string, protocol: number, payload: Uint8Array, optionBytes = 0): Uint8Array {
  const headerLength = 20 + Math.ceil(optionBytes / 4) * 4;
  const bytes = new Uint8Array(headerLength + payload.length);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x40 | (headerLength / 4);
  view.setUint16(2, bytes.length);
  view.setUint16(6, 0x4000); // DF
  bytes[8] = 64;
  bytes[9] = protocol;
  bytes.set(addressBytes(src), 12);
  bytes.set(addressBytes(dst), 16);
  bytes.fill(1, 20, headerLength); // IP NOP options
  bytes.set(payload, headerLength);
  return bytes;
}

const EXTENSION_NUMBERS: Record<Ipv6Extension, number> = { 'hop-by-hop': 0, routing: 43, fragment: 44, destination: 60, authentication: 51 };

export function ipv6Packet(src: string, dst: string, protocol: number, payload: Uint8Array, extensions: Ipv6Extension[] = []): Uint8Array {
  const headers = extensions.map((kind, i) => {
    const next = i + 1 < extensions.length ? EXTENSION_NUMBERS[extensions[i + 1]!] : protocol;
    // Each extension: 16 bytes (8 for fragment), next-header first; lengths in each header's own units.
    const bytes = new Uint8Array(kind === 'fragment' ? 8 : 16);
    bytes[0] = next;
    if (kind === 'authentication') bytes[1] = 16 / 4 - 2;
    else if (kind !== 'fragment') bytes[1] = 16 / 8 - 1;
    return bytes;
  });
  const extensionLength = headers.reduce((n, h) => n + h.length, 0);
  const bytes = new Uint8Array(40 + extensionLength + payload.length);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x60;
  view.setUint16(4, extensionLength + payload.length);
  bytes[6] = extensions.length > 0 ? EXTENSION_NUMBERS[extensions[0]!] : protocol;
  bytes[7] = 64;
  bytes.set(addressBytes(src), 8);
  bytes.set(addressBytes(dst), 24);
  let offset = 40;
  for (const header of headers) {
    bytes.set(header, offset);
    offset += header.length;
  }
  bytes.set(payload, offset);
  return bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return concatAll(parts);
}

/** For many parts (a whole capture): no spread, which would overflow the call stack. */
function concatAll(parts: Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

function u16(value: number): Uint8Array {
  return Uint8Array.of(value >> 8, value & 0xff);
}

/** Wrap an IP packet (or an ARP body, with etherType 0x0806) in the given link-layer header. */
export function linkFrame(ipPacket: Uint8Array, linkType: number, options: { vlanTags?: number; etherType?: number } = {}): Uint8Array {
  const etherType = options.etherType ?? (ipPacket[0]! >> 4 === 6 ? 0x86dd : 0x0800);
  switch (linkType) {
    case LINKTYPE.ETHERNET: {
      const tags = Array.from({ length: options.vlanTags ?? 0 }, (_, i) => concat(u16(0x8100), u16(100 + i)));
      const frame = concat(new Uint8Array(12).fill(0x02), ...tags, u16(etherType), ipPacket);
      // Short frames are padded to Ethernet's 60-byte minimum: the parser must use IP lengths, not frame lengths.
      return frame.length < 60 ? concat(frame, new Uint8Array(60 - frame.length)) : frame;
    }
    case LINKTYPE.RAW:
    case LINKTYPE.IPV4:
    case LINKTYPE.IPV6:
      return ipPacket;
    case LINKTYPE.LINUX_SLL:
      return concat(u16(0), u16(772), u16(6), new Uint8Array(8), u16(etherType), ipPacket);
    case LINKTYPE.LINUX_SLL2:
      return concat(u16(etherType), u16(0), Uint8Array.of(0, 0, 0, 1), u16(772), Uint8Array.of(0, 6), new Uint8Array(8), ipPacket);
    case LINKTYPE.NULL: {
      const family = new Uint8Array(4);
      new DataView(family.buffer).setUint32(0, etherType === 0x86dd ? 10 : 2, true);
      return concat(family, ipPacket);
    }
    default:
      throw new Error(`capture writer: link type ${linkType} not supported`);
  }
}

/** A TCP segment as a complete frame of the given link type, IPv4 or IPv6 by the address form. */
export function tcpFrame(spec: SegmentSpec, options: FrameOptions = {}): Uint8Array {
  const src = splitEndpoint(spec.src).address;
  const dst = splitEndpoint(spec.dst).address;
  const tcp = tcpSegment(spec);
  const ip = src.includes(':') ? ipv6Packet(src, dst, 6, tcp, options.ipv6Extensions) : ipv4Packet(src, dst, 6, tcp, options.ipv4OptionBytes);
  return linkFrame(ip, options.linkType ?? LINKTYPE.ETHERNET, { vlanTags: options.vlanTags });
}

export interface PcapOptions {
  linkType?: number;
  littleEndian?: boolean;
  nanoseconds?: boolean;
  snapLength?: number;
}

export function writePcap(frames: Frame[], options: PcapOptions = {}): Uint8Array {
  const littleEndian = options.littleEndian ?? true;
  const size = 24 + frames.reduce((n, f) => n + 16 + f.bytes.length, 0);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, options.nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4, littleEndian);
  view.setUint16(4, 2, littleEndian);
  view.setUint16(6, 4, littleEndian);
  view.setUint32(16, options.snapLength ?? 262144, littleEndian);
  view.setUint32(20, options.linkType ?? LINKTYPE.ETHERNET, littleEndian);
  let offset = 24;
  for (const frame of frames) {
    const seconds = Math.floor(frame.time / 1000);
    const fraction = Math.round((frame.time - seconds * 1000) * (options.nanoseconds ? 1e6 : 1e3));
    view.setUint32(offset, seconds, littleEndian);
    view.setUint32(offset + 4, fraction, littleEndian);
    view.setUint32(offset + 8, frame.bytes.length, littleEndian);
    view.setUint32(offset + 12, frame.bytes.length, littleEndian);
    bytes.set(frame.bytes, offset + 16);
    offset += 16 + frame.bytes.length;
  }
  return bytes;
}

export interface PcapngInterface {
  linkType: number;
  /** if_tsresol byte: 6 = µs (default), 9 = ns, 0x80|n = 2^-n s. */
  timestampResolution?: number;
}

export interface PcapngOptions {
  littleEndian?: boolean;
  interfaces?: PcapngInterface[];
  /** Write Simple Packet Blocks (no timestamp, interface 0) instead of Enhanced ones. */
  simple?: boolean;
  /** Add blocks the reader must skip (a Name Resolution Block, an Interface Statistics Block). */
  extraBlocks?: boolean;
}

export function writePcapng(frames: Frame[], options: PcapngOptions = {}): Uint8Array {
  const le = options.littleEndian ?? true;
  const interfaces = options.interfaces ?? [{ linkType: LINKTYPE.ETHERNET }];
  const blocks: Uint8Array[] = [];
  const block = (type: number, body: Uint8Array) => {
    const padded = Math.ceil(body.length / 4) * 4;
    const bytes = new Uint8Array(12 + padded);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, type, le);
    view.setUint32(4, bytes.length, le);
    bytes.set(body, 8);
    view.setUint32(bytes.length - 4, bytes.length, le);
    blocks.push(bytes);
  };
  const shb = new Uint8Array(16);
  const shbView = new DataView(shb.buffer);
  shbView.setUint32(0, 0x1a2b3c4d, le);
  shbView.setUint16(4, 1, le);
  shbView.setBigInt64(8, -1n, le);
  block(0x0a0d0d0a, shb);
  const unitsPerMs: number[] = [];
  for (const iface of interfaces) {
    const resolution = iface.timestampResolution;
    const body = new Uint8Array(resolution === undefined ? 12 : 20);
    const view = new DataView(body.buffer);
    view.setUint16(0, iface.linkType, le);
    view.setUint32(4, 262144, le);
    if (resolution !== undefined) {
      view.setUint16(8, 9, le);
      view.setUint16(10, 1, le);
      body[12] = resolution;
      // then opt_endofopt (zeros) already in place
    }
    block(1, body);
    const perSecond = resolution === undefined ? 1e6 : resolution & 0x80 ? 2 ** (resolution & 0x7f) : 10 ** resolution;
    unitsPerMs.push(perSecond / 1000);
  }
  if (options.extraBlocks) {
    block(4, new Uint8Array(4)); // Name Resolution Block with only nrb_record_end
    block(5, new Uint8Array(12)); // Interface Statistics Block, no options
  }
  for (const frame of frames) {
    if (options.simple) {
      const body = new Uint8Array(4 + frame.bytes.length);
      new DataView(body.buffer).setUint32(0, frame.bytes.length, le);
      body.set(frame.bytes, 4);
      block(3, body);
      continue;
    }
    const interfaceId = frame.interfaceId ?? 0;
    const units = BigInt(Math.round(frame.time * unitsPerMs[interfaceId]!));
    const body = new Uint8Array(20 + frame.bytes.length);
    const view = new DataView(body.buffer);
    view.setUint32(0, interfaceId, le);
    view.setUint32(4, Number(units >> 32n), le);
    view.setUint32(8, Number(units & 0xffffffffn), le);
    view.setUint32(12, frame.bytes.length, le);
    view.setUint32(16, frame.bytes.length, le);
    body.set(frame.bytes, 20);
    block(6, body);
  }
  return concatAll(blocks);
}
