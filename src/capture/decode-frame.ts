import type { CapturedSegment } from './captured-segment';
import { endpointName } from './ip-address';
import { protocolName, readIpPacket } from './ip-packet';
import { stripLinkLayer } from './link-layer';
import { readTcpHeader } from './tcp-header';

const TCP = 6;

export type DecodedFrame = CapturedSegment | { skip: string };

/** One captured frame (bytes `start`..`end` of the file) to a TCP segment, or the reason it is not one. */
export function decodeFrame(
  bytes: Uint8Array, view: DataView, start: number, end: number, linkType: number, index: number, time: number,
): DecodedFrame {
  const network = stripLinkLayer(view, start, end, linkType);
  if ('skip' in network) return network;
  const ip = readIpPacket(bytes, view, network.offset, end, network.network);
  if ('skip' in ip) return ip;
  if (ip.protocol !== TCP) return { skip: protocolName(ip.protocol) };
  const tcp = readTcpHeader(bytes, view, ip.offset, end, ip.length);
  if ('skip' in tcp) return tcp;
  return {
    index,
    time,
    src: endpointName(ip.src, tcp.srcPort),
    dst: endpointName(ip.dst, tcp.dstPort),
    flags: tcp.flags,
    seq: tcp.seq,
    ack: tcp.ack,
    len: tcp.len,
    window: tcp.window,
  };
}
