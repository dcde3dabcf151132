/**
 * What the diagnose tool reads and reports. The JSON of `npm run -s diagnose -- FILE` is `Diagnosis`: a public
 * interface (issue 11). Fields may be added; none may be renamed or removed.
 */

/** The RFC 9293 state a Linux socket is in (request sockets and timewait sockets included). */
export type RfcState =
  | 'LISTEN'
  | 'SYN-SENT'
  | 'SYN-RECEIVED'
  | 'ESTABLISHED'
  | 'FIN-WAIT-1'
  | 'FIN-WAIT-2'
  | 'CLOSE-WAIT'
  | 'CLOSING'
  | 'LAST-ACK'
  | 'TIME-WAIT'
  | 'CLOSED';

/** The formats the parsers recognise on their own. */
export type FormatId =
  | 'ss-tan'
  | 'ss-tanp'
  | 'ss-tano'
  | 'ss-tani'
  | 'ss-tanoi'
  | 'ss-tanpo'
  | 'ss-tanpi'
  | 'ss-tanpoi'
  | 'ss-lnt'
  | 'ss-lntp'
  | 'ss-s'
  | 'netstat-ant'
  | 'netstat-antp'
  | 'netstat-anto'
  | 'netstat-antop'
  | 'proc-net-tcp'
  | 'proc-net-tcp6'
  | 'tcpstates';

/** A socket's pending timer as `ss -o`, `netstat -o` or /proc/net/tcp show it. */
export interface SocketTimer {
  /** `on` is the retransmission timer (also the SYN and SYN,ACK timer); `persist` probes a zero window. */
  name: 'on' | 'keepalive' | 'timewait' | 'persist';
  /** Time left until it fires, in milliseconds (null when the tool does not say). */
  expiresMs: number | null;
  /** Retransmissions (on) or unanswered probes (keepalive, persist) so far. */
  retransmits: number;
}

export interface Socket {
  state: RfcState;
  /** The kernel's state name in ss's spelling: ESTAB, SYN-RECV, NEW-SYN-RECV, UNCONN, BOUND-INACTIVE, … */
  linuxState: string;
  /** `10.0.0.1:8080`, `[2001:db8::1]:443`, `0.0.0.0:*`. */
  local: string;
  peer: string;
  timer: SocketTimer | null;
  /** For a listener, the accept queue's length (ss and /proc) … */
  recvQ: number;
  /** … and its limit, the backlog (ss only; null where the format does not give it). */
  sendQ: number | null;
  /** 1-based line of the input the socket was read from. */
  line: number;
  /** `python3,pid=812,fd=4` (ss -p) or `812/python3` (netstat -p); null where the format has no such column or no process owns it. */
  process?: string | null;
  /** From ss -i: `retrans:1/4` (current/total), `rto:`, `unacked:`, and the idle times lastsnd/lastrcv/lastack (ms). */
  info?: SocketInfo;
  /** tcpstates only: how long the socket stayed in `state` before it left it (ms), when it did. */
  dwellMs?: number;
}

export interface SocketInfo {
  retrans: number | null;
  retransTotal: number | null;
  rtoMs: number | null;
  unacked: number | null;
  lastSendMs: number | null;
  lastReceiveMs: number | null;
  lastAckMs: number | null;
}

/** What a format can tell, so that a rule that needs timers is not judged on a format without them. */
export interface Capabilities {
  timers: boolean;
  /** ss -i: retransmissions and idle times per socket. */
  info: boolean;
  process: boolean;
  /** A listener's Send-Q is its backlog (ss). */
  acceptQueueLimit: boolean;
  /** ss -s gives totals only. */
  summaryOnly: boolean;
}

export interface ParsedInput {
  format: FormatId;
  sockets: Socket[];
  capabilities: Capabilities;
  /** ss -s: its totals, which take the place of sockets. */
  summary?: SsSummary;
  /** tcpstates: how many state changes the trace holds. */
  transitions?: number;
}

export interface SsSummary {
  total: number;
  estab: number;
  closed: number;
  orphaned: number;
  timewait: number;
  ipv4: number | null;
  ipv6: number | null;
}

export type Severity = 'low' | 'medium' | 'high';

export type FindingCode =
  | 'close-wait-leak'
  | 'time-wait-many'
  | 'fin-wait-2-orphans'
  | 'last-ack-stuck'
  | 'syn-recv-flood'
  | 'syn-sent-unanswered'
  | 'accept-queue-overflow'
  | 'retransmitting'
  | 'zero-window'
  | 'keepalive-missing';

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** How many sockets the finding covers. */
  sockets: number;
  /** One sentence in the reader's language. */
  message: string;
  /** To copy for the next step: an ss state filter, a tcpdump filter, a Wireshark display filter. */
  commands: string[];
  /** The same commands, named. */
  next: { ss: string; tcpdump: string; wireshark: string };
  /** Indexes into `sockets` of the sockets covered (all of them). */
  socketIndexes: number[];
  /** The service ports involved, most sockets first. */
  ports: number[];
  /** The article section that explains it, relative to the site root: `reading-server-sockets/#close-wait-leak`. */
  article: string;
  /** A playground setup reproducing the state, relative to the site root, or null when no scenario shows it. */
  playground: string | null;
  /** The rule that fired, in words (English). */
  rule: string;
}

export interface Diagnosis {
  format: FormatId;
  sockets: Socket[];
  /** Sockets per RFC state. */
  counts: Partial<Record<RfcState, number>>;
  findings: Finding[];
  /** Sockets per Linux state name. */
  linuxCounts: Record<string, number>;
  /** The local ports with the most sockets, and the peers (address without port) with the most. */
  byLocalPort: Array<{ port: string; sockets: number; states: Partial<Record<RfcState, number>> }>;
  byPeer: Array<{ peer: string; sockets: number; states: Partial<Record<RfcState, number>> }>;
  /** Pending timers by kind and the sockets that have retransmitted. */
  timers: { on: number; keepalive: number; timewait: number; persist: number; none: number; retransmitting: number } | null;
  capabilities: Capabilities;
  summary?: SsSummary;
  /** Rules that could not be judged on this format (they need timers, idle times or the backlog). */
  notJudged: FindingCode[];
}
