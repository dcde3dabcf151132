import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaptureError } from './capture-error';
import { LINKTYPE } from './link-layer';
import { parseCapture } from './parse-capture';
import { parseTcpdumpText } from './tcpdump-text';
import { tcpFrame, writePcap, writePcapng, type SegmentSpec } from './test-support/capture-writer';

/** What every parser promises: it returns, or throws a CaptureError that says where. */
function parsesOrSaysWhere(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof CaptureError)) throw error;
    expect(error.message).toMatch(/^(byte \d+|line \d+): \S/);
  }
}

const RUNS = 400;
const T0 = 1_764_000_000_000;

const segmentSpec: fc.Arbitrary<SegmentSpec> = fc.record({
  src: fc.constantFrom('10.0.0.1:40000', '[2001:db8::1]:40000'),
  flags: fc.subarray(['SYN', 'FIN', 'RST', 'ACK', 'PSH'] as const).map((f) => [...f]),
  seq: fc.nat({ max: 0xffffffff }),
  ack: fc.nat({ max: 0xffffffff }),
  len: fc.nat({ max: 300 }),
  optionBytes: fc.nat({ max: 40 }),
}).map((s) => ({ ...s, dst: s.src.startsWith('[') ? '[2001:db8::2]:80' : '10.0.0.2:80' }));

const linkType = fc.constantFrom(LINKTYPE.ETHERNET, LINKTYPE.RAW, LINKTYPE.LINUX_SLL, LINKTYPE.LINUX_SLL2, LINKTYPE.NULL);

const validCapture = fc
  .tuple(fc.array(segmentSpec, { minLength: 1, maxLength: 8 }), linkType, fc.boolean(), fc.boolean(), fc.boolean())
  .map(([specs, link, ng, littleEndian, nanoseconds]) => {
    const frames = specs.map((spec, i) => ({ time: T0 + i, bytes: tcpFrame(spec, { linkType: link }) }));
    return ng
      ? writePcapng(frames, { littleEndian, interfaces: [{ linkType: link }], extraBlocks: nanoseconds })
      : writePcap(frames, { linkType: link, littleEndian, nanoseconds });
  });

describe('binary parsers under fuzzing', () => {
  it('read every valid generated capture completely', () => {
    fc.assert(
      fc.property(validCapture, (file) => {
        const capture = parseCapture(file);
        expect(capture.segments.length).toBe(capture.packets);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throw anything but a located CaptureError on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => parsesOrSaysWhere(() => parseCapture(bytes))), { numRuns: RUNS });
  });

  it('never throw anything but a located CaptureError on random bytes behind a pcap or pcapng magic number', () => {
    const magic = fc.constantFrom([0xd4, 0xc3, 0xb2, 0xa1], [0xa1, 0xb2, 0xc3, 0xd4], [0x4d, 0x3c, 0xb2, 0xa1], [0x0a, 0x0d, 0x0d, 0x0a]);
    fc.assert(
      fc.property(magic, fc.uint8Array({ maxLength: 2048 }), (head, tail) => parsesOrSaysWhere(() => parseCapture(Uint8Array.from([...head, ...tail])))),
      { numRuns: RUNS },
    );
  });

  it('never throw anything but a located CaptureError on valid captures with bytes overwritten', () => {
    const mutation = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(validCapture, mutation, (file, changes) => {
        const bytes = file.slice();
        for (const [at, value] of changes) bytes[at % bytes.length] = value;
        parsesOrSaysWhere(() => parseCapture(bytes));
      }),
      { numRuns: RUNS },
    );
  });

  it('report every truncation of a valid capture with the byte offset', () => {
    fc.assert(
      fc.property(validCapture, fc.nat(), (file, cut) => {
        const length = cut % file.length;
        parsesOrSaysWhere(() => parseCapture(file.subarray(0, length)));
      }),
      { numRuns: RUNS },
    );
  });

  it('refuse huge length fields at once, without allocating or looping', () => {
    fc.assert(
      fc.property(validCapture, fc.nat(), fc.integer({ min: 0x40000, max: 0xffffffff }), (file, at, huge) => {
        const bytes = file.slice();
        // Every 32-bit-aligned word is a candidate length field in pcap and pcapng.
        const offset = (at % Math.floor(bytes.length / 4)) * 4;
        const littleEndian = bytes[0] === 0xd4 || bytes[0] === 0x4d || (bytes[0] === 0x0a && bytes[8] === 0x4d);
        new DataView(bytes.buffer).setUint32(offset, huge, littleEndian);
        const started = performance.now();
        parsesOrSaysWhere(() => parseCapture(bytes));
        expect(performance.now() - started).toBeLessThan(200);
      }),
      { numRuns: RUNS },
    );
  });
});

const tcpLine = fc
  .record({
    time: fc.constantFrom('13:29:08.439196 ', '2026-11-25 13:29:08.439196 ', '1764077348.439196 ', ''),
    family: fc.constantFrom('IP 10.0.0.1.40000 > 10.0.0.2.80', 'IP6 ::1.40000 > ::1.80', 'IP 10.0.0.2.80 > 10.0.0.1.40000'),
    flags: fc.constantFrom('S', 'S.', '.', 'P.', 'F.', 'R', 'R.', 'FP.', 'none', 'SEW'),
    seq: fc.nat({ max: 0xffffffff }),
    ack: fc.nat({ max: 0xffffffff }),
    length: fc.nat({ max: 1500 }),
  })
  .map(({ time, family, flags, seq, ack, length }) => {
    const ackPart = flags.includes('.') ? `, ack ${ack}` : '';
    const seqPart = length > 0 ? `, seq ${seq}:${(seq + length) % 2 ** 32}` : flags.includes('S') || flags.includes('F') || flags.includes('R') ? `, seq ${seq}` : '';
    return `${time}${family}: Flags [${flags}]${seqPart}${ackPart}, win 512, options [nop,nop,TS val 1 ecr 2], length ${length}`;
  });

const noiseLine = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom(
    '13:00:00.000000 ARP, Request who-has 10.0.0.1 tell 10.0.0.2, length 28',
    '13:00:00.000000 IP 10.0.0.1.53 > 10.0.0.2.5353: 12345 1/0/0 A 1.2.3.4 (45)',
    '    127.0.0.1.1 > 127.0.0.1.2: Flags [',
    'IP 1.2.3.4.5 > 6.7.8.9.10: Flags [S], seq 99999999999999, win 1, length 0',
    '\t0x0000:  4500 003c 0000 4000 4006 3cba 7f00 0001',
  ),
);

describe('tcpdump text parser under fuzzing', () => {
  it('reads every generated TCP line', () => {
    fc.assert(
      fc.property(fc.array(tcpLine, { minLength: 1, maxLength: 30 }), (lines) => {
        expect(parseTcpdumpText(lines.join('\n')).segments).toHaveLength(lines.length);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws anything but a CaptureError naming a line on any mix of lines', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(tcpLine, noiseLine), { maxLength: 30 }), (lines) => parsesOrSaysWhere(() => parseTcpdumpText(lines.join('\n')))),
      { numRuns: RUNS },
    );
  });

  it('never throws anything but a CaptureError on arbitrary text and arbitrary bytes read as text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000, unit: 'binary' }), (text) => parsesOrSaysWhere(() => parseTcpdumpText(text))), { numRuns: RUNS });
  });

  it('finishes quickly on a pathological long line', () => {
    const started = performance.now();
    parsesOrSaysWhere(() => parseTcpdumpText(`IP ${'1.'.repeat(50_000)} > x: Flags [S]\n${'a.'.repeat(4000)}.1 > `));
    expect(performance.now() - started).toBeLessThan(500);
  });
});
