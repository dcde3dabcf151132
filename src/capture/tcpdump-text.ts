import { CaptureError } from './capture-error';
import { countSkip, sortFlags, type CapturedFlag, type CapturedSegment, type ParsedCapture, type ParseOptions } from './captured-segment';
import { endpointName } from './ip-address';

/**
 * `tcpdump -nn` text output. Timestamps in any of tcpdump's forms (default time of day, -tt, -ttt, -tttt,
 * -ttttt, none with -t); -v output whose TCP part continues on an indented line; IPv4 and IPv6; -S absolute
 * or default relative sequence numbers, turned back into absolute ones the way tcpdump made them relative.
 */

export type SequenceNumberMode = 'auto' | 'absolute' | 'relative';

export interface TextParseOptions extends ParseOptions {
  /** How to read SEQ and ACK: 'auto' (default) tells -S output from tcpdump's relative numbers. */
  sequenceNumbers?: SequenceNumberMode;
}

const TWO_32 = 4294967296;
const DAY_MS = 86_400_000;
const MAX_LINE_CHARS = 8192;

/** A TCP line as printed, before relative numbers are made absolute: a captured segment whose SEQ may be missing. */
interface PrintedSegment extends Omit<CapturedSegment, 'seq' | 'line' | 'seqInferred'> {
  line: number;
  /** Null when tcpdump did not print SEQ (a pure ACK). */
  seq: number | null;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2}):(\d{2}(?:\.\d+)?)\s+/;
const TIME_OF_DAY = /^(\d{1,2}):(\d{2}):(\d{2}(?:\.\d+)?)\s+/;
const EPOCH_SECONDS = /^(\d+\.\d+)\s+/;
const TCP_ADDRESSES = /(?:^|\s)([0-9A-Fa-f:.]+)\.(\d+) > ([0-9A-Fa-f:.]+)\.(\d+): Flags \[([^\]]*)\](.*)$/;
const NAMED_TCP = /\S+ > \S+: Flags \[/;
const PACKET_START = /^(IP6?|ARP|RARP|STP|LLDP|CDP|IPX|ethertype|\w+ (In|Out|M|B|P) )\b/;
const BANNER = /^(reading from file|tcpdump: |listening on |\d+ packets? (captured|received by filter|dropped by kernel))/;
const HEX_DUMP = /^\s+0x[0-9a-f]{4}:/i;
const FLAG_LETTERS: Record<string, CapturedFlag> = { S: 'SYN', F: 'FIN', R: 'RST', '.': 'ACK', P: 'PSH', U: 'URG', E: 'ECE', W: 'CWR' };

export function parseTcpdumpText(text: string, options: TextParseOptions = {}): ParsedCapture {
  const printed: PrintedSegment[] = [];
  const skipped: Record<string, number> = {};
  let packets = 0;
  let firstUnrecognised: { line: number; hint: string; code: string } | null = null;
  let dayOffset = 0;
  let lastTimeOfDay = -1;
  const progressEvery = options.progressEvery ?? 10_000;

  for (const { text: raw, line, end } of logicalLines(text)) {
    const content = raw.trim();
    if (content.length > MAX_LINE_CHARS) {
      // No tcpdump line is this long; do not spend time on it (tcpdump -A payload dumps, pasted binary).
      countSkip(skipped, 'unrecognised line');
      firstUnrecognised ??= { line, hint: ' (the line is too long)', code: 'notTcpdumpLineTooLong' };
      continue;
    }
    if (content === '' || BANNER.test(content) || HEX_DUMP.test(raw)) continue;

    let rest = content;
    let time = 0;
    let stamped = false;
    let match: RegExpExecArray | null;
    if ((match = DATE_TIME.exec(rest))) {
      const [, y, mo, d, h, mi, s] = match;
      time = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!) + Number(s) * 1000;
      stamped = true;
    } else if ((match = TIME_OF_DAY.exec(rest))) {
      const [, h, mi, s] = match;
      let timeOfDay = (+h! * 60 + +mi!) * 60_000 + Number(s) * 1000;
      // Time of day restarts at midnight; a long capture keeps counting.
      if (lastTimeOfDay >= 0 && timeOfDay + DAY_MS / 2 < lastTimeOfDay) dayOffset += DAY_MS;
      lastTimeOfDay = timeOfDay;
      time = timeOfDay + dayOffset;
      stamped = true;
    } else if ((match = EPOCH_SECONDS.exec(rest))) {
      time = Number(match[1]) * 1000;
      stamped = true;
    }
    if (match) rest = rest.slice(match[0].length);

    const tcp = TCP_ADDRESSES.exec(rest);
    const isPacket = stamped || PACKET_START.test(rest);
    if (!isPacket && !tcp) {
      countSkip(skipped, 'unrecognised line');
      firstUnrecognised ??= { line, hint: '', code: 'notTcpdumpLineBare' };
      continue;
    }
    packets++;
    const segment = tcp ? readTcpLine(tcp, line, packets, time) : null;
    if (segment) {
      printed.push(segment);
    } else if (NAMED_TCP.test(rest) || tcp) {
      countSkip(skipped, 'unreadable TCP line');
      firstUnrecognised ??= {
        line,
        hint: NAMED_TCP.test(rest) && !tcp ? ' (host or port names: run tcpdump with -nn)' : ' (its fields do not parse)',
        code: NAMED_TCP.test(rest) && !tcp ? 'notTcpdumpLineNames' : 'notTcpdumpLineFields',
      };
    } else {
      countSkip(skipped, otherProtocol(rest));
    }
    if (options.onProgress && packets % progressEvery === 0) options.onProgress({ done: end, total: text.length, packets });
  }

  if (printed.length === 0 && firstUnrecognised) {
    throw new CaptureError(`not a tcpdump TCP line${firstUnrecognised.hint}`, { line: firstUnrecognised.line }, { code: firstUnrecognised.code });
  }
  const mode = options.sequenceNumbers && options.sequenceNumbers !== 'auto' ? options.sequenceNumbers : guessSequenceMode(printed);
  const segments = toAbsolute(printed, mode);
  options.onProgress?.({ done: text.length, total: text.length, packets });
  return { format: 'tcpdump-text', segments, packets, skipped, linkTypes: [], sequenceNumbers: mode };
}

/** Lines with -v's indented continuation lines joined to the line they continue. */
function* logicalLines(text: string): Generator<{ text: string; line: number; end: number }> {
  const lines = text.split(/\r\n|\n|\r/);
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    let joined = lines[i]!;
    const line = i + 1;
    offset += joined.length + 1;
    while (i + 1 < lines.length && /^\s+\S/.test(lines[i + 1]!) && !HEX_DUMP.test(lines[i + 1]!) && !/^\s/.test(joined)) {
      i++;
      offset += lines[i]!.length + 1;
      joined += ' ' + lines[i]!.trim();
    }
    yield { text: joined, line, end: Math.min(offset, text.length) };
  }
}

function readTcpLine(match: RegExpExecArray, line: number, index: number, time: number): PrintedSegment | null {
  const [, srcAddress, srcPort, dstAddress, dstPort, flagText, tail] = match;
  if (!isAddress(srcAddress!) || !isAddress(dstAddress!) || +srcPort! > 65535 || +dstPort! > 65535) return null;
  const flags = readFlags(flagText!);
  if (!flags) return null;
  const seq = /, seq (\d+)(?::(\d+))?/.exec(tail!);
  const ack = /, ack (\d+)/.exec(tail!);
  const win = /, win (\d+)/.exec(tail!);
  const length = /, length (\d+)/.exec(tail!);
  if (flags.includes('ACK') && !ack) return null;
  const numbers = [seq?.[1], seq?.[2], ack?.[1]].filter((n) => n !== undefined).map(Number);
  if (numbers.some((n) => n >= TWO_32)) return null;
  // The end of a "seq a:b" range wraps around 2^32 like the numbers themselves.
  const len = length ? Number(length[1]) : seq?.[2] !== undefined ? wrap(Number(seq[2]) - Number(seq[1])) : 0;
  if (!Number.isSafeInteger(len) || len < 0 || len > 0xffffff) return null;
  return {
    line,
    index,
    time,
    src: endpointName(srcAddress!, +srcPort!),
    dst: endpointName(dstAddress!, +dstPort!),
    flags,
    seq: seq ? Number(seq[1]) : null,
    ack: flags.includes('ACK') && ack ? Number(ack[1]) : null,
    len,
    window: win ? Math.min(Number(win[1]), 0xffff) : 0,
  };
}

function isAddress(address: string): boolean {
  if (address.includes(':')) {
    return /^[0-9A-Fa-f:]*(:\d+\.\d+\.\d+\.\d+)?$/.test(address) && (address.includes('::') || address.split(':').length === 8);
  }
  const octets = address.split('.');
  return octets.length === 4 && octets.every((o) => /^\d{1,3}$/.test(o) && +o <= 255);
}

function readFlags(text: string): CapturedFlag[] | null {
  if (text === 'none') return [];
  const flags: CapturedFlag[] = [];
  for (const letter of text) {
    const flag = FLAG_LETTERS[letter];
    if (!flag) return null;
    flags.push(flag);
  }
  return sortFlags(flags);
}

function otherProtocol(rest: string): string {
  if (/^ARP\b/.test(rest)) return 'ARP';
  if (/\bICMP6\b|\bICMPv6\b/.test(rest)) return 'ICMPv6';
  if (/\bICMP\b/.test(rest)) return 'ICMP';
  if (/\bUDP\b/.test(rest) || /^IP6? \S+\.\d+ > \S+\.\d+: /.test(rest)) return 'UDP';
  return 'other protocol';
}

/**
 * tcpdump (print-tcp.c) prints SEQ and ACK relative to per-conversation bases it records from the first
 * ACK-bearing segment (or any SYN,ACK): that segment's SEQ for its direction and ACK−1 for the other.
 * Segments without ACK are always absolute. -S turns this off. We replay the same bookkeeping.
 */
function toAbsolute(printed: PrintedSegment[], mode: 'absolute' | 'relative'): CapturedSegment[] {
  const bases = new Map<string, Map<string, number>>();
  const nextSeq = new Map<string, number>();
  const lastAckFrom = new Map<string, number>();
  const segments: CapturedSegment[] = [];
  for (const p of printed) {
    const conversation = conversationKey(p.src, p.dst);
    let seq = p.seq;
    let ack = p.ack;
    if (mode === 'relative' && p.flags.includes('ACK')) {
      const base = bases.get(conversation);
      if (!base || p.flags.includes('SYN')) {
        const recorded = new Map<string, number>();
        const ownSeq = seq ?? inferSeq(p, nextSeq, lastAckFrom);
        if (ownSeq !== null) recorded.set(p.src, ownSeq);
        recorded.set(p.dst, wrap(ack! - 1));
        bases.set(conversation, recorded);
      } else {
        const own = base.get(p.src);
        // The base of a direction whose recording segment showed no SEQ is unknown: its numbers stay relative, consistently.
        if (seq !== null) seq = wrap(seq + (own ?? 0));
        ack = wrap(ack! + base.get(p.dst)!);
      }
    }
    let seqInferred = false;
    if (seq === null) {
      seq = inferSeq(p, nextSeq, lastAckFrom) ?? bases.get(conversation)?.get(p.src) ?? 0;
      seqInferred = true;
    }
    const consumed = p.len + (p.flags.includes('SYN') ? 1 : 0) + (p.flags.includes('FIN') ? 1 : 0);
    const end = wrap(seq + consumed);
    const previous = nextSeq.get(directionKey(p.src, p.dst));
    if (previous === undefined || seqAfter(end, previous)) nextSeq.set(directionKey(p.src, p.dst), end);
    if (ack !== null) lastAckFrom.set(directionKey(p.src, p.dst), ack);
    const segment: CapturedSegment = { index: p.index, time: p.time, src: p.src, dst: p.dst, flags: p.flags, seq, ack, len: p.len, window: p.window, line: p.line };
    if (seqInferred) segment.seqInferred = true;
    segments.push(segment);
  }
  return segments;
}

/** A pure ACK's SEQ, which tcpdump does not print: where its sender's previous segments ended, or what the peer last acknowledged. */
function inferSeq(p: PrintedSegment, nextSeq: Map<string, number>, lastAckFrom: Map<string, number>): number | null {
  return nextSeq.get(directionKey(p.src, p.dst)) ?? lastAckFrom.get(directionKey(p.dst, p.src)) ?? null;
}

/**
 * -S or relative? After a conversation's bases are recorded, relative numbers are small while absolute
 * ones sit near the bases. Each number that fits only one reading votes; a tie means tcpdump's default, relative.
 */
function guessSequenceMode(printed: PrintedSegment[]): 'absolute' | 'relative' {
  const bases = new Map<string, Map<string, number>>();
  let absoluteVotes = 0;
  let relativeVotes = 0;
  const vote = (shown: number | null, base: number | undefined) => {
    if (shown === null || base === undefined) return;
    const relativeLike = shown < 2 ** 28;
    const absoluteLike = wrap(shown - base) < 2 ** 28 || wrap(base - shown) < 2 ** 16;
    if (relativeLike && !absoluteLike) relativeVotes++;
    if (absoluteLike && !relativeLike) absoluteVotes++;
  };
  for (const p of printed) {
    if (!p.flags.includes('ACK')) continue;
    const conversation = conversationKey(p.src, p.dst);
    const base = bases.get(conversation);
    if (!base || p.flags.includes('SYN')) {
      const recorded = new Map<string, number>([[p.dst, wrap(p.ack! - 1)]]);
      if (p.seq !== null) recorded.set(p.src, p.seq);
      bases.set(conversation, recorded);
      continue;
    }
    vote(p.seq, base.get(p.src));
    vote(p.ack, base.get(p.dst));
  }
  return absoluteVotes > relativeVotes ? 'absolute' : 'relative';
}

function conversationKey(a: string, b: string): string {
  return a < b ? `${a} ${b}` : `${b} ${a}`;
}

function directionKey(src: string, dst: string): string {
  return `${src}>${dst}`;
}

function wrap(n: number): number {
  return ((n % TWO_32) + TWO_32) % TWO_32;
}

/** a > b in sequence space (RFC 9293 §3.4 arithmetic modulo 2^32). */
function seqAfter(a: number, b: number): boolean {
  const d = wrap(a - b);
  return d !== 0 && d < 2 ** 31;
}
