import { describe, expect, it } from 'vitest';
import { LINKTYPE } from './link-layer';
import { parseCapture } from './parse-capture';
import { parsePcap } from './pcap';
import { errorOf } from './test-support/capture-error-of';
import { ipv4Packet, linkFrame, tcpFrame, udpDatagram, writePcap, type SegmentSpec } from './test-support/capture-writer';

const T0 = 1_764_000_000_000;
const handshake: SegmentSpec[] = [
  { src: '10.0.0.1:40000', dst: '10.0.0.2:80', flags: ['SYN'], seq: 1000, window: 64240, optionBytes: 20 },
  { src: '10.0.0.2:80', dst: '10.0.0.1:40000', flags: ['SYN', 'ACK'], seq: 5000, ack: 1001, window: 65160, optionBytes: 20 },
  { src: '10.0.0.1:40000', dst: '10.0.0.2:80', flags: ['ACK'], seq: 1001, ack: 5001, optionBytes: 12 },
  { src: '10.0.0.1:40000', dst: '10.0.0.2:80', flags: ['ACK', 'PSH'], seq: 1001, ack: 5001, len: 100, optionBytes: 12 },
];

function frames(specs: SegmentSpec[], options: Parameters<typeof tcpFrame>[1] = {}) {
  return specs.map((spec, i) => ({ time: T0 + i * 1.5, bytes: tcpFrame(spec, options) }));
}

describe('classic pcap', () => {
  it.each([
    ['little-endian microseconds', { littleEndian: true, nanoseconds: false }],
    ['big-endian microseconds', { littleEndian: false, nanoseconds: false }],
    ['little-endian nanoseconds', { littleEndian: true, nanoseconds: true }],
    ['big-endian nanoseconds', { littleEndian: false, nanoseconds: true }],
  ])('reads %s files', (_, options) => {
    const capture = parsePcap(writePcap(frames(handshake), options));
    expect(capture.format).toBe('pcap');
    expect(capture.segments.map((s) => [s.index, s.src, s.dst, s.flags, s.seq, s.ack, s.len])).toEqual([
      [1, '10.0.0.1:40000', '10.0.0.2:80', ['SYN'], 1000, null, 0],
      [2, '10.0.0.2:80', '10.0.0.1:40000', ['SYN', 'ACK'], 5000, 1001, 0],
      [3, '10.0.0.1:40000', '10.0.0.2:80', ['ACK'], 1001, 5001, 0],
      [4, '10.0.0.1:40000', '10.0.0.2:80', ['ACK', 'PSH'], 1001, 5001, 100],
    ]);
    expect(capture.segments[1]!.time).toBeCloseTo(T0 + 1.5, 3);
    expect(capture.segments[0]!.window).toBe(64240);
  });

  it('uses the IP length, not the padded Ethernet frame, to count payload bytes', () => {
    // A pure ACK is 54 bytes and Ethernet pads it to 60: those 6 bytes are not data.
    const capture = parsePcap(writePcap(frames([handshake[2]!])));
    expect(capture.segments[0]!.len).toBe(0);
  });

  it.each([
    ['Ethernet with an 802.1Q tag', LINKTYPE.ETHERNET, { vlanTags: 1 }],
    ['Ethernet with stacked VLAN tags (QinQ)', LINKTYPE.ETHERNET, { vlanTags: 2 }],
    ['raw IP (101)', LINKTYPE.RAW, {}],
    ['raw IPv4 (228)', LINKTYPE.IPV4, {}],
    ['Linux cooked SLL (113)', LINKTYPE.LINUX_SLL, {}],
    ['Linux cooked SLL2 (276)', LINKTYPE.LINUX_SLL2, {}],
    ['BSD loopback (0)', LINKTYPE.NULL, {}],
  ])('reads %s', (_, linkType, options) => {
    const capture = parsePcap(writePcap(frames(handshake, { linkType, ...options }), { linkType }));
    expect(capture.segments.map((s) => s.seq)).toEqual([1000, 5000, 1001, 1001]);
    expect(capture.segments[3]!.len).toBe(100);
  });

  it('skips IPv4 options by the header length (IHL)', () => {
    const capture = parsePcap(writePcap(frames(handshake, { ipv4OptionBytes: 12 })));
    expect(capture.segments.map((s) => [s.seq, s.len])).toEqual([[1000, 0], [5000, 0], [1001, 0], [1001, 100]]);
  });

  it('reads IPv6 through hop-by-hop, routing, fragment, destination and authentication headers', () => {
    const v6 = handshake.map((spec) => ({
      ...spec,
      src: spec.src.replace('10.0.0.1', '[2001:db8::1]').replace('10.0.0.2', '[2001:db8::2]'),
      dst: spec.dst.replace('10.0.0.1', '[2001:db8::1]').replace('10.0.0.2', '[2001:db8::2]'),
    }));
    for (const linkType of [LINKTYPE.ETHERNET, LINKTYPE.LINUX_SLL, LINKTYPE.LINUX_SLL2, LINKTYPE.IPV6, LINKTYPE.RAW]) {
      const capture = parsePcap(
        writePcap(frames(v6, { linkType, ipv6Extensions: ['hop-by-hop', 'routing', 'fragment', 'destination', 'authentication'] }), { linkType }),
      );
      expect(capture.segments.map((s) => [s.src, s.seq, s.len])).toEqual([
        ['[2001:db8::1]:40000', 1000, 0],
        ['[2001:db8::2]:80', 5000, 0],
        ['[2001:db8::1]:40000', 1001, 0],
        ['[2001:db8::1]:40000', 1001, 100],
      ]);
    }
  });

  it('counts non-TCP packets as skipped instead of failing', () => {
    const udp = linkFrame(ipv4Packet('10.0.0.1', '10.0.0.53', 17, udpDatagram(5353, 53)), LINKTYPE.ETHERNET);
    const arp = linkFrame(new Uint8Array(28), LINKTYPE.ETHERNET, { etherType: 0x0806 });
    const capture = parsePcap(writePcap([{ time: T0, bytes: udp }, ...frames(handshake), { time: T0 + 9, bytes: arp }]));
    expect(capture.segments).toHaveLength(4);
    expect(capture.segments[0]!.index).toBe(2);
    expect(capture.packets).toBe(6);
    expect(capture.skipped).toEqual({ UDP: 1, ARP: 1 });
  });

  it('skips non-first IPv4 fragments', () => {
    const bytes = tcpFrame(handshake[0]!, { linkType: LINKTYPE.RAW });
    new DataView(bytes.buffer).setUint16(6, 0x0010); // fragment offset 16 × 8 bytes
    const capture = parsePcap(writePcap([{ time: T0, bytes }], { linkType: LINKTYPE.RAW }));
    expect(capture.skipped).toEqual({ 'IPv4 fragment': 1 });
  });

  it('names the byte offset of a record length larger than the file', () => {
    const file = writePcap(frames(handshake));
    new DataView(file.buffer).setUint32(24 + 8, 0xffffffff, true);
    expect(errorOf(() => parsePcap(file)).message).toBe('byte 32: record length 4294967295 exceeds the file');
  });

  it('refuses a record length over 256 KiB even when the file is that long', () => {
    const file = new Uint8Array(24 + 16 + 300_000);
    file.set(writePcap([]));
    new DataView(file.buffer).setUint32(24 + 8, 300_000, true);
    expect(errorOf(() => parsePcap(file)).message).toBe('byte 32: record length 300000 exceeds the 262144-byte limit for one packet');
  });

  it('reports a file cut off in the middle of a record header', () => {
    const file = writePcap(frames(handshake));
    const cut = file.subarray(0, file.length - 10 - tcpFrame(handshake[3]!).length);
    expect(errorOf(() => parsePcap(cut)).message).toMatch(/^byte \d+: truncated record header \(6 of 16 bytes\)/);
  });

  it('reports a file cut off in the middle of a packet', () => {
    const file = writePcap(frames(handshake));
    const last = tcpFrame(handshake[3]!).length;
    const error = errorOf(() => parsePcap(file.subarray(0, file.length - 5)));
    expect(error.message).toBe(`byte ${file.length - last - 8}: record length ${last} exceeds the file (${last - 5} bytes left): the file is truncated`);
    expect(error.byteOffset).toBeGreaterThan(24);
  });

  it('refuses a header shorter than 24 bytes and unknown link types', () => {
    expect(errorOf(() => parsePcap(writePcap([]).subarray(0, 10))).message).toBe('byte 0: truncated pcap file header (10 of 24 bytes)');
    expect(errorOf(() => parsePcap(writePcap([], { linkType: 147 }))).message).toMatch(/^byte 20: unsupported link type 147/);
  });

  it('detects pcap by its magic number whatever the byte order', () => {
    expect(parseCapture(writePcap(frames(handshake), { littleEndian: false })).format).toBe('pcap');
    expect(parseCapture(writePcap(frames(handshake), { nanoseconds: true })).format).toBe('pcap');
  });

  it('reports progress while reading', () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ time: T0 + i, bytes: tcpFrame({ ...handshake[3]!, seq: 1001 + 100 * i }) }));
    const seen: number[] = [];
    parsePcap(writePcap(many), { progressEvery: 10, onProgress: (p) => seen.push(p.packets) });
    expect(seen).toEqual([10, 20, 25]);
  });
});
