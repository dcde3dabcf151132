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
  | { type: 'error'; message: string }
  /** Bytes handed to the local application (RECEIVE), and notices such as "connection closing". */
  | { type: 'deliver'; bytes: number }
  | { type: 'signal'; message: string };

/** Where a transition's triggering event comes from. */
export type EventKind = 'call' | 'segment' | 'timer';

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
