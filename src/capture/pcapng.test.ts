import { describe, expect, it } from 'vitest';
import { LINKTYPE } from './link-layer';
import { parseCapture } from './parse-capture';
import { parsePcapng } from './pcapng';
import { errorOf } from './test-support/capture-error-of';
import { tcpFrame, writePcapng, type SegmentSpec } from './test-support/capture-writer';

const T0 = 1_764_000_000_000;
const segments: SegmentSpec[] = [
  { src: '192.168.1.10:51000', dst: '192.168.1.20:443', flags: ['SYN'], seq: 4294967000, optionBytes: 20 },
  { src: '192.168.1.20:443', dst: '192.168.1.10:51000', flags: ['SYN', 'ACK'], seq: 77, ack: 4294967001, optionBytes: 20 },
  { src: '192.168.1.10:51000', dst: '192.168.1.20:443', flags: ['ACK'], seq: 4294967001, ack: 78 },
];

describe('pcapng', () => {
  it.each([true, false])('reads Enhanced Packet Blocks (little-endian: %s)', (littleEndian) => {
    const file = writePcapng(
      segments.map((s, i) => ({ time: T0 + i * 0.25, bytes: tcpFrame(s) })),
      { littleEndian, extraBlocks: true },
    );
    const capture = parsePcapng(file);
    expect(capture.format).toBe('pcapng');
    expect(capture.segments.map((s) => [s.index, s.flags, s.seq, s.ack])).toEqual([
      [1, ['SYN'], 4294967000, null],
      [2, ['SYN', 'ACK'], 77, 4294967001],
      [3, ['ACK'], 4294967001, 78],
    ]);
    expect(capture.segments[1]!.time).toBeCloseTo(T0 + 0.25, 3);
  });

  it('reads packets of several interfaces with different link types and timestamp resolutions', () => {
    const file = writePcapng(
      [
        { time: T0, bytes: tcpFrame(segments[0]!, { linkType: LINKTYPE.ETHERNET }), interfaceId: 0 },
        { time: T0 + 1, bytes: tcpFrame(segments[1]!, { linkType: LINKTYPE.LINUX_SLL2 }), interfaceId: 1 },
        { time: T0 + 2, bytes: tcpFrame(segments[2]!, { linkType: LINKTYPE.RAW }), interfaceId: 2 },
      ],
      {
        interfaces: [
          { linkType: LINKTYPE.ETHERNET },
          { linkType: LINKTYPE.LINUX_SLL2, timestampResolution: 9 },
          { linkType: LINKTYPE.RAW, timestampResolution: 0x80 | 20 },
        ],
      },
    );
    const capture = parsePcapng(file);
    expect(capture.linkTypes).toEqual(['Ethernet', 'Linux cooked v2 (SLL2)', 'raw IP']);
    expect(capture.segments.map((s) => s.seq)).toEqual([4294967000, 77, 4294967001]);
    expect(capture.segments.map((s) => s.time - T0).map((t) => Math.round(t * 1000) / 1000)).toEqual([0, 1, 2]);
  });

  it('reads Simple Packet Blocks (no timestamp) on interface 0', () => {
    const capture = parsePcapng(writePcapng(segments.map((s) => ({ time: T0, bytes: tcpFrame(s, { linkType: LINKTYPE.LINUX_SLL }) })), { simple: true, interfaces: [{ linkType: LINKTYPE.LINUX_SLL }] }));
    expect(capture.segments.map((s) => [s.seq, s.time])).toEqual([[4294967000, 0], [77, 0], [4294967001, 0]]);
  });

  it('reads a second section with the other byte order', () => {
    const first = writePcapng([{ time: T0, bytes: tcpFrame(segments[0]!) }], { littleEndian: true });
    const second = writePcapng([{ time: T0 + 1, bytes: tcpFrame(segments[1]!, { linkType: LINKTYPE.RAW }) }], { littleEndian: false, interfaces: [{ linkType: LINKTYPE.RAW }] });
    const joined = new Uint8Array(first.length + second.length);
    joined.set(first);
    joined.set(second, first.length);
    expect(parseCapture(joined).segments.map((s) => [s.index, s.seq])).toEqual([[1, 4294967000], [2, 77]]);
  });

  it('names the offset of a block length that runs past the file', () => {
    const file = writePcapng([{ time: T0, bytes: tcpFrame(segments[0]!) }]);
    const view = new DataView(file.buffer);
    const epb = file.length - view.getUint32(file.length - 4, true);
    view.setUint32(epb + 4, 0xfffffff0, true);
    expect(errorOf(() => parsePcapng(file)).message).toBe(`byte ${epb + 4}: block length 4294967280 exceeds the file (${file.length - epb} bytes left)`);
  });

  it('refuses a block whose trailing length disagrees', () => {
    const file = writePcapng([{ time: T0, bytes: tcpFrame(segments[0]!) }]);
    new DataView(file.buffer).setUint32(file.length - 4, 12, true);
    expect(errorOf(() => parsePcapng(file)).message).toMatch(/^byte \d+: block length \d+ does not match its trailing copy 12$/);
  });

  it('refuses a packet that names an interface never described', () => {
    const file = writePcapng([{ time: T0, bytes: tcpFrame(segments[0]!), interfaceId: 0 }]);
    const view = new DataView(file.buffer);
    const epb = file.length - view.getUint32(file.length - 4, true);
    view.setUint32(epb + 8, 3, true);
    expect(errorOf(() => parsePcapng(file)).message).toBe(`byte ${epb + 8}: packet refers to interface 3, but only 1 are described`);
  });

  it('refuses a packet length larger than its block', () => {
    const file = writePcapng([{ time: T0, bytes: tcpFrame(segments[0]!) }]);
    const view = new DataView(file.buffer);
    const epb = file.length - view.getUint32(file.length - 4, true);
    view.setUint32(epb + 20, 5000, true);
    expect(errorOf(() => parsePcapng(file)).message).toMatch(/^byte \d+: packet length 5000 exceeds its block \(\d+ bytes\)$/);
  });

  it('reports a truncated file', () => {
    const file = writePcapng(segments.map((s) => ({ time: T0, bytes: tcpFrame(s) })));
    expect(errorOf(() => parsePcapng(file.subarray(0, file.length - 7))).message).toMatch(/^byte \d+: block length \d+ exceeds the file/);
    expect(errorOf(() => parsePcapng(file.subarray(0, file.length - 100 + 6))).message).toMatch(/^byte \d+: (truncated block header|block length)/);
  });
});
