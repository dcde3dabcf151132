import type { Flag } from '../machine/types';

/** Control bits a capture can show. The machine models SYN, FIN, RST and ACK; the rest are carried along for display. */
export type CapturedFlag = Flag | 'PSH' | 'URG' | 'ECE' | 'CWR';

/** One TCP segment read from a capture, in absolute sequence numbers. */
export interface CapturedSegment {
  /** 1-based packet number in the capture (Wireshark's frame number; for text, the ordinal of the packet line). */
  index: number;
  /** Capture time in milliseconds (epoch for pcap and `-tttt`/`-tt` text, ms since midnight for tcpdump's default time of day, 0 when the text has none). */
  time: number;
  /** Sender as "ip:port"; IPv6 addresses are bracketed: "[::1]:8080". */
  src: string;
  /** Receiver as "ip:port". */
  dst: string;
  /** Control bits in canonical order: SYN, FIN, RST, ACK, then PSH, URG, ECE, CWR. */
  flags: CapturedFlag[];
  /** Absolute sequence number (SEG.SEQ). */
  seq: number;
  /** Absolute acknowledgment number, null when the ACK bit is off. */
  ack: number | null;
  /** Payload bytes (SEG.LEN without SYN and FIN). */
  len: number;
  /** Advertised window as carried in the header (unscaled). */
  window: number;
  /** Text captures only: the 1-based line the segment came from. */
  line?: number;
  /** Text captures only: true when tcpdump did not print SEQ (a pure ACK) and it was inferred from the sender's previous segments. */
  seqInferred?: boolean;
}

const FLAG_ORDER: CapturedFlag[] = ['SYN', 'FIN', 'RST', 'ACK', 'PSH', 'URG', 'ECE', 'CWR'];

export function sortFlags(flags: Iterable<CapturedFlag>): CapturedFlag[] {
  const present = new Set(flags);
  return FLAG_ORDER.filter((flag) => present.has(flag));
}

/** Reasons a packet was skipped, counted by reason ("UDP", "ARP", "IPv4 fragment", …). */
export type SkipCounts = Record<string, number>;

export type CaptureFormat = 'pcap' | 'pcapng' | 'tcpdump-text';

export interface ParsedCapture {
  format: CaptureFormat;
  /** Every TCP segment in capture order. */
  segments: CapturedSegment[];
  /** Packets (or text lines) read, TCP or not. */
  packets: number;
  /** Packets or lines that were not TCP segments, by reason. */
  skipped: SkipCounts;
  /** Link types seen (binary captures), e.g. ["Ethernet"]. */
  linkTypes: string[];
  /** Text captures: whether sequence numbers were read as tcpdump's relative numbers and turned back into absolute ones. */
  sequenceNumbers?: 'absolute' | 'relative';
}

export interface ParseProgress {
  /** Bytes (or characters) consumed so far. */
  done: number;
  total: number;
  packets: number;
}

export interface ParseOptions {
  /** Called every `progressEvery` packets and once at the end. */
  onProgress?: (progress: ParseProgress) => void;
  progressEvery?: number;
}

export function countSkip(skipped: SkipCounts, reason: string): void {
  skipped[reason] = (skipped[reason] ?? 0) + 1;
}
