import { ipv4ToString, ipv6ToString } from './ip-address';

/** The transport payload of an IP packet, or why it has none we can read. */
export type IpPayload =
  | { src: string; dst: string; protocol: number; offset: number; /** bytes of transport header + data the IP header claims */ length: number }
  | { skip: string };

const PROTOCOL_NAMES: Record<number, string> = { 1: 'ICMP', 2: 'IGMP', 17: 'UDP', 58: 'ICMPv6', 132: 'SCTP', 50: 'ESP' };

export function protocolName(protocol: number): string {
  return PROTOCOL_NAMES[protocol] ?? `IP protocol ${protocol}`;
}

export function readIpPacket(bytes: Uint8Array, view: DataView, offset: number, end: number, network: 'ipv4' | 'ipv6' | 'ip'): IpPayload {
  if (offset >= end) return { skip: 'truncated IP header' };
  const version = bytes[offset]! >> 4;
  if (network === 'ip') network = version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : 'ip';
  if (network === 'ipv4' && version === 4) return readIpv4(bytes, view, offset, end);
  if (network === 'ipv6' && version === 6) return readIpv6(bytes, view, offset, end);
  return { skip: `IP version ${version}` };
}

function readIpv4(bytes: Uint8Array, view: DataView, offset: number, end: number): IpPayload {
  if (end - offset < 20) return { skip: 'truncated IPv4 header' };
  const headerLength = (bytes[offset]! & 0x0f) * 4;
  if (headerLength < 20) return { skip: 'malformed IPv4 header length' };
  if (offset + headerLength > end) return { skip: 'truncated IPv4 options' };
  const totalLength = view.getUint16(offset + 2);
  const fragment = view.getUint16(offset + 6);
  // Only the first fragment carries the TCP header, and its lengths describe a part; skip them all.
  if ((fragment & 0x1fff) !== 0 || (fragment & 0x2000) !== 0) return { skip: 'IPv4 fragment' };
  // A total length of 0 is what TCP segmentation offload leaves in captures: trust the captured bytes then.
  const claimed = totalLength === 0 ? end - offset : totalLength;
  if (claimed < headerLength) return { skip: 'malformed IPv4 total length' };
  return {
    src: ipv4ToString(bytes, offset + 12),
    dst: ipv4ToString(bytes, offset + 16),
    protocol: bytes[offset + 9]!,
    offset: offset + headerLength,
    length: claimed - headerLength,
  };
}

// IPv6 extension headers we walk past (RFC 8200 §4; AH RFC 4302).
const HOP_BY_HOP = 0;
const ROUTING = 43;
const FRAGMENT = 44;
const AUTHENTICATION = 51;
const NO_NEXT_HEADER = 59;
const DESTINATION_OPTIONS = 60;
const MOBILITY = 135;

function readIpv6(bytes: Uint8Array, view: DataView, offset: number, end: number): IpPayload {
  if (end - offset < 40) return { skip: 'truncated IPv6 header' };
  const payloadLength = view.getUint16(offset + 4);
  const src = ipv6ToString(bytes, offset + 8);
  const dst = ipv6ToString(bytes, offset + 24);
  let next = bytes[offset + 6]!;
  let cursor = offset + 40;
  // Payload length 0 means a jumbogram (or offload): trust the captured bytes.
  let remaining = payloadLength === 0 ? end - cursor : payloadLength;
  for (let hops = 0; ; hops++) {
    if (hops > 16) return { skip: 'too many IPv6 extension headers' };
    let headerLength: number;
    if (next === HOP_BY_HOP || next === ROUTING || next === DESTINATION_OPTIONS || next === MOBILITY) {
      if (cursor + 2 > end) return { skip: 'truncated IPv6 extension header' };
      headerLength = (bytes[cursor + 1]! + 1) * 8;
    } else if (next === FRAGMENT) {
      if (cursor + 8 > end) return { skip: 'truncated IPv6 fragment header' };
      const fragment = view.getUint16(cursor + 2);
      // An atomic fragment (offset 0, no more fragments) is a whole packet; anything else is a piece.
      if ((fragment & 0xfff8) !== 0 || (fragment & 1) !== 0) return { skip: 'IPv6 fragment' };
      headerLength = 8;
    } else if (next === AUTHENTICATION) {
      if (cursor + 2 > end) return { skip: 'truncated IPv6 authentication header' };
      headerLength = (bytes[cursor + 1]! + 2) * 4;
    } else if (next === NO_NEXT_HEADER) {
      return { skip: 'IPv6 without payload' };
    } else {
      break;
    }
    next = bytes[cursor]!;
    cursor += headerLength;
    remaining -= headerLength;
    if (cursor > end || remaining < 0) return { skip: 'truncated IPv6 extension header' };
  }
  return { src, dst, protocol: next, offset: cursor, length: remaining };
}
