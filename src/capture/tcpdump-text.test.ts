import { describe, expect, it } from 'vitest';
import { parseCapture } from './parse-capture';
import { parseTcpdumpText } from './tcpdump-text';
import { errorOf } from './test-support/capture-error-of';

// Real `tcpdump -nn -r` output of a Linux loopback connection (default: time of day, relative numbers).
const RELATIVE = `reading from file t.pcap, link-type EN10MB (Ethernet), snapshot length 262144
13:29:08.439196 IP 127.0.0.1.49776 > 127.0.0.1.47001: Flags [S], seq 3667198607, win 65495, options [mss 65495,sackOK,TS val 3823400530 ecr 0,nop,wscale 10], length 0
13:29:08.439209 IP 127.0.0.1.47001 > 127.0.0.1.49776: Flags [S.], seq 1254765899, ack 3667198608, win 65483, options [mss 65495,sackOK,TS val 2336669710 ecr 3823400530,nop,wscale 10], length 0
13:29:08.439223 IP 127.0.0.1.49776 > 127.0.0.1.47001: Flags [.], ack 1, win 64, options [nop,nop,TS val 3823400530 ecr 2336669710], length 0
13:29:08.439263 IP 127.0.0.1.49776 > 127.0.0.1.47001: Flags [P.], seq 1:6, ack 1, win 64, options [nop,nop,TS val 3823400530 ecr 2336669710], length 5
13:29:08.439269 IP 127.0.0.1.47001 > 127.0.0.1.49776: Flags [.], ack 6, win 64, options [nop,nop,TS val 2336669710 ecr 3823400530], length 0
13:29:08.439292 IP 127.0.0.1.49776 > 127.0.0.1.47001: Flags [F.], seq 6, ack 1, win 64, options [nop,nop,TS val 3823400530 ecr 2336669710], length 0
13:29:08.480840 IP 127.0.0.1.47001 > 127.0.0.1.49776: Flags [.], ack 7, win 64, options [nop,nop,TS val 2336669752 ecr 3823400530], length 0
13:29:08.639518 IP 127.0.0.1.47001 > 127.0.0.1.49776: Flags [F.], seq 1, ack 7, win 64, options [nop,nop,TS val 2336669910 ecr 3823400530], length 0
13:29:08.639537 IP 127.0.0.1.49776 > 127.0.0.1.47001: Flags [.], ack 2, win 64, options [nop,nop,TS val 3823400730 ecr 2336669910], length 0
`;

// The same connection printed with -S -tttt.
const ABSOLUTE = `2026-11-25 13:29:08.439196 IP 127.0.0.1.49776 > 127.0.0.1.47001: Flags [S], seq 3667198607, win 65495, length 0
2026-11-25 13:29:08.439209 IP 127.0.0.1.47001 > 127.0.0.1.49776: Flags [S.], seq 1254765899, ack 3667198608, win 65483, length 0
2026-11-25 13:29:08.439223 IP 127.0.0.1.49776 > 127.0.0.1.47001: Flags [.], ack 1254765900, win 64, length 0
2026-11-25 13:29:08.439263 IP 127.0.0.1.49776 > 127.0.0.1.47001: Flags [P.], seq 3667198608:3667198613, ack 1254765900, win 64, length 5
2026-11-25 13:29:08.439269 IP 127.0.0.1.47001 > 127.0.0.1.49776: Flags [.], ack 3667198613, win 64, length 0
2026-11-25 13:29:08.439292 IP 127.0.0.1.49776 > 127.0.0.1.47001: Flags [F.], seq 3667198613, ack 1254765900, win 64, length 0
2026-11-25 13:29:08.480840 IP 127.0.0.1.47001 > 127.0.0.1.49776: Flags [.], ack 3667198614, win 64, length 0
2026-11-25 13:29:08.639518 IP 127.0.0.1.47001 > 127.0.0.1.49776: Flags [F.], seq 1254765900, ack 3667198614, win 64, length 0
2026-11-25 13:29:08.639537 IP 127.0.0.1.49776 > 127.0.0.1.47001: Flags [.], ack 1254765901, win 64, length 0
`;

const EXPECTED = [
  ['SYN', 3667198607, null, 0],
  ['SYN,ACK', 1254765899, 3667198608, 0],
  ['ACK', 3667198608, 1254765900, 0],
  ['ACK,PSH', 3667198608, 1254765900, 5],
  ['ACK', 1254765900, 3667198613, 0],
  ['FIN,ACK', 3667198613, 1254765900, 0],
  ['ACK', 1254765900, 3667198614, 0],
  ['FIN,ACK', 1254765900, 3667198614, 0],
  ['ACK', 3667198614, 1254765901, 0],
];

function summary(text: string) {
  return parseTcpdumpText(text).segments.map((s) => [s.flags.join(','), s.seq, s.ack, s.len]);
}

describe('tcpdump -nn text', () => {
  it('turns relative sequence numbers back into absolute ones per direction, as tcpdump made them', () => {
    const capture = parseTcpdumpText(RELATIVE);
    expect(capture.sequenceNumbers).toBe('relative');
    expect(summary(RELATIVE)).toEqual(EXPECTED);
  });

  it('reads -S absolute numbers as they are', () => {
    expect(parseTcpdumpText(ABSOLUTE).sequenceNumbers).toBe('absolute');
    expect(summary(ABSOLUTE)).toEqual(EXPECTED);
  });

  it('reads default time of day, -tttt date-time, -tt epoch seconds and -t (no timestamp)', () => {
    expect(parseTcpdumpText(RELATIVE).segments[1]!.time).toBeCloseTo(((13 * 60 + 29) * 60 + 8.439209) * 1000, 3);
    expect(parseTcpdumpText(ABSOLUTE).segments[0]!.time).toBeCloseTo(Date.UTC(2026, 10, 25, 13, 29, 8) + 439.196, 3);
    const epoch = '1764077348.439196 IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [S], seq 5, win 100, length 0';
    expect(parseTcpdumpText(epoch).segments[0]!.time).toBeCloseTo(1764077348439.196, 2);
    const none = 'IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [S], seq 5, win 100, length 0';
    expect(parseTcpdumpText(none).segments[0]).toMatchObject({ time: 0, seq: 5, src: '10.0.0.1:1000', dst: '10.0.0.2:80' });
  });

  it('keeps counting time across midnight', () => {
    const text = `23:59:59.900000 IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [S], seq 5, win 100, length 0
00:00:00.100000 IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [S], seq 5, win 100, length 0`;
    const [a, b] = parseTcpdumpText(text).segments;
    expect(b!.time - a!.time).toBeCloseTo(200, 3);
  });

  it('reads -v output whose TCP part continues on an indented line', () => {
    const text = `13:29:08.439196 IP (tos 0x0, ttl 64, id 62735, offset 0, flags [DF], proto TCP (6), length 60)
    127.0.0.1.49776 > 127.0.0.1.47001: Flags [S], cksum 0xfe30 (incorrect -> 0x9e98), seq 3667198607, win 65495, options [mss 65495,sackOK,TS val 3823400530 ecr 0,nop,wscale 10], length 0
13:29:08.439209 IP (tos 0x0, ttl 64, id 0, offset 0, flags [DF], proto TCP (6), length 60)
    127.0.0.1.47001 > 127.0.0.1.49776: Flags [S.], cksum 0xfe30 (incorrect -> 0xd328), seq 1254765899, ack 3667198608, win 65483, options [mss 65495,sackOK,TS val 2336669710 ecr 3823400530,nop,wscale 10], length 0`;
    const capture = parseTcpdumpText(text);
    expect(capture.segments.map((s) => [s.line, s.flags.join(','), s.seq, s.len])).toEqual([
      [1, 'SYN', 3667198607, 0],
      [3, 'SYN,ACK', 1254765899, 0],
    ]);
  });

  it('reads IPv6 (IP6) lines and brackets the addresses', () => {
    const text = `10:00:00.000001 IP6 ::1.42000 > ::1.8080: Flags [S], seq 100, win 65476, options [mss 65476], length 0
10:00:00.000002 IP6 ::1.8080 > ::1.42000: Flags [R.], seq 0, ack 101, win 0, length 0
10:00:00.000003 IP6 2001:db8::a.443 > 2001:db8::b.5000: Flags [FP.], seq 2000:2010, ack 3000, win 501, length 10`;
    const segments = parseTcpdumpText(text).segments;
    expect(segments.map((s) => [s.src, s.dst, s.flags.join(',')])).toEqual([
      ['[::1]:42000', '[::1]:8080', 'SYN'],
      ['[::1]:8080', '[::1]:42000', 'RST,ACK'],
      ['[2001:db8::a]:443', '[2001:db8::b]:5000', 'FIN,ACK,PSH'],
    ]);
    // The RST,ACK is the first ACK-bearing segment of its conversation: tcpdump prints it absolute.
    expect(segments[1]).toMatchObject({ seq: 0, ack: 101 });
    expect(segments[2]).toMatchObject({ seq: 2000, ack: 3000, len: 10 });
  });

  it('reads a capture that starts mid-connection: numbers are relative to its first ACK-bearing line (SEQ for one side, ACK−1 for the other)', () => {
    const text = `10:00:00.000000 IP 10.0.0.1.5000 > 10.0.0.2.80: Flags [P.], seq 123456789:123456889, ack 987654321, win 502, length 100
10:00:00.000100 IP 10.0.0.2.80 > 10.0.0.1.5000: Flags [.], ack 100, win 510, length 0
10:00:00.000200 IP 10.0.0.2.80 > 10.0.0.1.5000: Flags [P.], seq 1:51, ack 100, win 510, length 50
10:00:00.000300 IP 10.0.0.1.5000 > 10.0.0.2.80: Flags [.], ack 51, win 502, length 0`;
    expect(summary(text)).toEqual([
      ['ACK,PSH', 123456789, 987654321, 100],
      ['ACK', 987654321, 123456889, 0],
      ['ACK,PSH', 987654321, 123456889, 50],
      ['ACK', 123456889, 987654371, 0],
    ]);
  });

  it('marks the SEQ of pure ACKs, which tcpdump does not print, as inferred', () => {
    const segments = parseTcpdumpText(RELATIVE).segments;
    expect(segments.filter((s) => s.seqInferred).map((s) => s.index)).toEqual([3, 5, 7, 9]);
    expect(segments[0]!.seqInferred).toBeUndefined();
  });

  it('reads flags [none], [S.E] and [.W] and the URG bit', () => {
    const text = `10:00:00.000000 IP 10.0.0.1.1 > 10.0.0.2.2: Flags [SEW], seq 9, win 10, length 0
10:00:00.000001 IP 10.0.0.1.1 > 10.0.0.2.2: Flags [none], seq 9, win 10, length 0
10:00:00.000002 IP 10.0.0.1.1 > 10.0.0.2.2: Flags [U.], seq 9:10, ack 4, win 10, urg 1, length 1`;
    expect(parseTcpdumpText(text).segments.map((s) => s.flags.join(','))).toEqual(['SYN,ECE,CWR', '', 'ACK,URG']);
  });

  it('counts lines of other protocols, banners and hex dumps without failing', () => {
    const text = `${RELATIVE}13:29:09.000000 IP 10.0.0.1.53 > 10.0.0.2.5353: 12345 1/0/0 A 1.2.3.4 (45)
13:29:09.100000 ARP, Request who-has 10.0.0.1 tell 10.0.0.2, length 28
13:29:09.200000 IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 1, seq 1, length 64
13:29:09.300000 IP6 fe80::1 > ff02::1: ICMP6, router advertisement, length 64
\t0x0000:  4500 003c 0000 4000 4006 3cba 7f00 0001
some pasted noise
3 packets captured`;
    const capture = parseTcpdumpText(text);
    expect(capture.segments).toHaveLength(9);
    expect(capture.skipped).toEqual({ UDP: 1, ARP: 1, ICMP: 1, ICMPv6: 1, 'unrecognised line': 1 });
  });

  it('names the first line when no line is a tcpdump TCP line', () => {
    const text = `13:00:00.000000 ARP, Request who-has 10.0.0.1 tell 10.0.0.2, length 28\n\nhello world\nanother`;
    const error = errorOf(() => parseTcpdumpText(text));
    expect(error.message).toBe('line 3: not a tcpdump TCP line');
    expect(error.line).toBe(3);
  });

  it('says to use -nn when the lines carry host or port names', () => {
    const text = '13:00:00.000000 IP localhost.45678 > localhost.http: Flags [S], seq 1, win 10, length 0';
    expect(errorOf(() => parseTcpdumpText(text)).message).toBe('line 1: not a tcpdump TCP line (host or port names: run tcpdump with -nn)');
  });

  it('returns no segments, without an error, for a capture of only other protocols', () => {
    const capture = parseTcpdumpText('13:00:00.000000 ARP, Request who-has 10.0.0.1 tell 10.0.0.2, length 28');
    expect(capture.segments).toEqual([]);
    expect(capture.skipped).toEqual({ ARP: 1 });
  });

  it('is what parseCapture picks for bytes that are neither pcap nor pcapng', () => {
    expect(parseCapture(new TextEncoder().encode(ABSOLUTE)).format).toBe('tcpdump-text');
    expect(errorOf(() => parseCapture(Uint8Array.of(0x7f, 0x45, 0x4c, 0x46, 0, 0, 0))).message).toBe(
      'byte 0: not a pcap, pcapng or tcpdump text file (it starts with 0x7f 0x45 0x4c 0x46)',
    );
  });

  it('lets the caller force the reading of sequence numbers', () => {
    const text = `10:00:00.000000 IP 10.0.0.1.5000 > 10.0.0.2.80: Flags [P.], seq 10:20, ack 30, win 502, length 10
10:00:00.000100 IP 10.0.0.2.80 > 10.0.0.1.5000: Flags [.], ack 20, win 510, length 0`;
    expect(parseTcpdumpText(text, { sequenceNumbers: 'absolute' }).segments[1]!.ack).toBe(20);
    expect(parseTcpdumpText(text, { sequenceNumbers: 'relative' }).segments[1]!.ack).toBe(30);
  });
});
