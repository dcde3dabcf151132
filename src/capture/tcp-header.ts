import type { CapturedFlag } from './captured-segment';

export interface TcpHeader {
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number | null;
  flags: CapturedFlag[];
  window: number;
  /** Payload bytes: what the IP header says the segment carries, minus the TCP header (options included). */
  len: number;
}

// Flag bits of byte 13 (RFC 9293 §3.1, RFC 3168 for ECE/CWR).
const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;
const PSH = 0x08;
const ACK = 0x10;
const URG = 0x20;
const ECE = 0x40;
const CWR = 0x80;

/** `segmentLength` is the TCP header + data length from the IP header; the captured bytes may stop sooner (snaplen). */
export function readTcpHeader(bytes: Uint8Array, view: DataView, offset: number, end: number, segmentLength: number): TcpHeader | { skip: string } {
  if (end - offset < 20 || segmentLength < 20) return { skip: 'truncated TCP header' };
  const dataOffset = (bytes[offset + 12]! >> 4) * 4;
  if (dataOffset < 20) return { skip: 'malformed TCP data offset' };
  if (dataOffset > segmentLength) return { skip: 'TCP data offset beyond the segment' };
  const bits = bytes[offset + 13]!;
  // Pushed in the canonical order (SYN, FIN, RST, ACK, then the rest), so no sorting is needed.
  const flags: CapturedFlag[] = [];
  if (bits & SYN) flags.push('SYN');
  if (bits & FIN) flags.push('FIN');
  if (bits & RST) flags.push('RST');
  if (bits & ACK) flags.push('ACK');
  if (bits & PSH) flags.push('PSH');
  if (bits & URG) flags.push('URG');
  if (bits & ECE) flags.push('ECE');
  if (bits & CWR) flags.push('CWR');
  return {
    srcPort: view.getUint16(offset),
    dstPort: view.getUint16(offset + 2),
    seq: view.getUint32(offset + 4),
    ack: bits & ACK ? view.getUint32(offset + 8) : null,
    flags,
    window: view.getUint16(offset + 14),
    len: segmentLength - dataOffset,
  };
}
