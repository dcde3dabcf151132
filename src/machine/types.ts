/**
 * The vocabulary shared by the machine, the simulator, the diagram generators,
 * the islands and the replay of captures. Everything here is plain data so it
 * serialises to JSON (`npm run -s machine`) and runs in Node and in the browser.
 */

/** The 11 states of RFC 9293 §3.3.2, spelled as the RFC spells them, in Figure 5 order. */
export const STATES = [
  'CLOSED',
  'LISTEN',
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
] as const;
export type State = (typeof STATES)[number];

/** Control bits we model. Canonical order when printed: SYN, FIN, RST, ACK ("SYN,ACK", "FIN,ACK", "RST,ACK"). */
export const FLAGS = ['SYN', 'FIN', 'RST', 'ACK'] as const;
export type Flag = (typeof FLAGS)[number];

/** A segment as it appears in traces and scenario files (public format). `ack` is null when the ACK flag is off. */
export interface Segment {
  flags: Flag[];
  seq: number;
  ack: number | null;
  len: number;
  /** Optional: the advertised window (SEG.WND). Absent means the sender's configured window. */
  window?: number;
}

/** The user calls of RFC 9293 §3.9.1 that an endpoint accepts. `crash` is not an RFC call: the simulator handles it. */
export const CALLS = ['listen', 'connect', 'send', 'close', 'abort', 'crash'] as const;
export type Call = (typeof CALLS)[number];

/** Timers an endpoint runs (RFC 9293 §3.8.1, §3.10.8; RFC 6298; delayed ACK §3.8.6.3). */
export const TIMERS = ['retransmission', 'timeWait', 'delayedAck'] as const;
export type TimerName = (typeof TIMERS)[number];

/** Per-endpoint configuration, resolved from a scenario's `options` and `endpoints.<name>`. */
export interface EndpointConfig {
  iss: number;
  /** Delayed-ACK timeout in ms; undefined means ACK at once. RFC 9293 MUST-40: < 500 ms. */
  delayedAck?: number;
  /** Maximum segment lifetime in ms; TIME-WAIT lasts 2 × msl. */
  msl: number;
  /** Initial retransmission timeout in ms (RFC 6298: 1 s), doubled on every retry. */
  rto: number;
  /** Retransmissions of a SYN before giving up (Linux tcp_syn_retries, default 6). */
  synRetries: number;
  /** Retransmissions of data/FIN before giving up (Linux tcp_retries2, default 15). */
  retries: number;
  /** Receive window this endpoint advertises. */
  window: number;
  /** Largest payload per segment. */
  mss: number;
}

/** What can happen to one endpoint: the inputs of the pure reducer. */
export type Input =
  | { kind: 'call'; call: Exclude<Call, 'crash'>; bytes?: number }
  | { kind: 'segment'; segment: Segment }
  | { kind: 'timer'; timer: TimerName };

/** What the reducer asks its caller to do or to record. The reducer executes nothing. */
export type Output =
  | { type: 'send'; segment: Segment }
  | { type: 'state'; from: State; to: State; cause: string }
  | { type: 'timer'; name: TimerName; action: 'start' | 'stop'; /** ms from now, for start */ duration?: number }
  /** `message` is the English of `code` (src/machine/notation.ts REPORT_TEXT). */
  | { type: 'error'; code: ReportCode; message: string }
  /** Bytes handed to the local application (RECEIVE), and notices such as "connection closing". */
  | { type: 'deliver'; bytes: number }
  | { type: 'signal'; code: ReportCode; message: string };

/** Where a transition's triggering event comes from. */
export type EventKind = 'call' | 'segment' | 'timer';

/** A user call as a record's event: `open` is "listen or connect" (the refusals of a second OPEN). */
export type CallEvent = 'listen' | 'connect' | 'open' | 'send' | 'close' | 'abort';

/** A test of §3.10.7 that tells an arriving segment from its siblings with the same bits. */
export type SegmentCheck = 'unacceptable' | 'bad-ack' | 'ack-of-syn' | 'ack-of-fin' | 'retransmitted' | 'in-window' | 'out-of-window';

/** What triggers a transition, as structure; the label drawn on diagrams (`event`) is derived from it. */
export type Trigger =
  | { kind: 'call'; call: CallEvent }
  /** `flags`: bits the segment carries; `without`: bits it must not carry; `data`: "ACK / data". */
  | { kind: 'segment'; flags: Flag[]; without?: Flag[]; check?: SegmentCheck; data?: boolean }
  /** `giveUp`: the expiry after the last allowed retransmission (§3.8.3 R2). */
  | { kind: 'timer'; timer: TimerName; giveUp?: boolean };

/** Sequence and acknowledgment numbers of a segment template, as the RFC writes them (§3.10). */
export type SeqExpr = 'ISS' | 'SND.NXT' | 'SEG.ACK' | '0';
export type AckExpr = 'RCV.NXT' | 'SEG.SEQ+SEG.LEN';

/** One segment a transition sends, as structure: `<SEQ=seq><ACK=ack><CTL=flags>` and the conditions around it. */
export type SendTemplate =
  | {
      flags: Flag[];
      seq: SeqExpr;
      ack?: AckExpr;
      /** Carries queued data, up to MSS and the peer's window. */
      data?: boolean;
      /** Only when the arriving segment has the ACK bit (`ack-set`) or not (`ack-clear`), or brought data. */
      when?: 'ack-set' | 'ack-clear' | 'data-arrived';
      /** An RFC 5961 challenge ACK. */
      challenge?: boolean;
      /** Goes after all queued data (a FIN). */
      afterQueuedData?: boolean;
      /** How the ACK is timed: it may wait and ride on our FIN, it never waits, or it waits when delayed ACKs are on. */
      delay?: 'may-ride-on-fin' | 'never' | 'if-configured';
      /** Queued data may ride on it. */
      mayCarryData?: boolean;
    }
  /** The segment at the front of the retransmission queue, again. */
  | { retransmit: true };

/** A timer started, stopped or restarted by a transition. */
export interface TimerAction {
  timer: TimerName;
  action: 'start' | 'stop' | 'restart' | 'restart-or-stop';
  /** Restarted with the RTO doubled (RFC 6298 §5.5). */
  backoff?: boolean;
  /** Only when the segment acknowledges new data. */
  onNewAck?: boolean;
}

/** What the local user is told: the RFC's error words (§3.10) or the signal of the peer's FIN. */
export type ReportCode = 'notExist' | 'alreadyExists' | 'closing' | 'reset' | 'refused' | 'timedOut';
export interface Report {
  code: ReportCode;
  /** `error`: a refused call or a failure; `signal`: a notice ("connection closing" on the peer's FIN). */
  as: 'error' | 'signal';
}

/**
 * One transition of the machine, as data. Self-loops (from === to) are transitions too:
 * a TIME-WAIT endpoint re-ACKing a retransmitted FIN, a challenge ACK, CLOSED answering with RST.
 */
export interface Transition {
  /** Stable kebab-case id, `<from>-<event>` style, e.g. "fin-wait-1-rcv-fin-and-ack-of-fin". */
  id: string;
  from: State;
  to: State;
  kind: EventKind;
  /** Short event label as drawn on diagrams: "rcv SYN", "CLOSE", "timeout 2MSL". */
  event: string;
  /** The condition, in words, when one is needed to tell this transition from a sibling. */
  guard?: string;
  /** What is sent, in the RFC's notation, e.g. "<SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>"; "" for nothing. */
  sends: string;
  /** Timers started or stopped, in words, e.g. ["start retransmission", "stop timeWait"]. */
  timers: string[];
  /** Error or signal reported to the local user, if any ("connection reset", "connection closing"). */
  reports?: string;
  /** RFC section this comes from, e.g. "3.10.7.4"; other RFCs prefixed: "RFC 5961 §4". */
  rfc: string;
  /** Why it matters / what tutorials get wrong. One sentence. */
  note?: string;
  /** True when RFC 9293 Figure 5 does not draw this edge. */
  notInFigure5?: boolean;
  /** The event as structure (`event` and `kind` are derived from it). */
  trigger: Trigger;
  /** The segments sent as structure (`sends` is derived from them); empty for nothing. */
  sendTemplates: SendTemplate[];
  /** The timers as structure (`timers` is derived from them). */
  timerActions: TimerAction[];
  /** The report as structure (`reports` is derived from it). */
  report?: Report;
}

/** A state as data: its RFC name, what Linux tools print, and a one-line meaning (§3.3.2). */
export interface StateInfo {
  name: State;
  /** `ss -tan` prints this. */
  ss: string;
  /** `netstat -tan` prints this. */
  netstat: string;
  /** Synchronized states are those after the handshake (§3.5). */
  synchronized: boolean;
  /** The RFC's own definition (§3.3.2), verbatim: the words after "<STATE> - represents". */
  meaning: string;
}

export interface MachineDefinition {
  states: StateInfo[];
  transitions: Transition[];
}
