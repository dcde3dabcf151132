/**
 * Replay one captured connection through two copies of the shared machine, one per endpoint.
 *
 * A capture shows segments, not the application's calls, so the calls are inferred from what each
 * side sends: a SYN without ACK from a closed side is CONNECT (and a peer that answers SYN,ACK was
 * in LISTEN), new data is SEND, a first FIN is CLOSE, an unprovoked RST is ABORT. Each side's ISS is
 * taken from the capture. Each segment is then delivered to the other side's machine, which computes
 * that side's next state. Where the capture is not what the machine would do, the replay says so in an
 * annotation and carries on from what the capture shows.
 *
 * Segments that cross on the wire are delivered late: when a side's next segment does not acknowledge
 * a segment sent to it (a FIN that crosses the peer's FIN, a SYN that crosses the peer's SYN), that side
 * sent before it received, and the segment reaches its machine only after that next send.
 */
import { ABORT_SENDS_RST, CLOSE_SENDS_FIN, isSynchronized } from '../machine/definition';
import { createEndpoint, step, type Tcb } from '../machine/endpoint';
import { ENDPOINT_DEFAULTS } from '../machine/defaults';
import type { Call, EndpointConfig, Flag, Input, Segment, State } from '../machine/types';
import type { CapturedFlag, CapturedSegment } from './captured-segment';
import type { Connection } from './connections';
import { SequenceSpace } from './sequence-space';

export type AnnotationKind =
  | 'retransmission'
  | 'duplicate'
  | 'lost'
  | 'rst'
  | 'window-probe'
  | 'keep-alive'
  | 'left-rfc-path'
  | 'mid-connection';

export interface Annotation {
  /** The segment's packet number in the capture (CapturedSegment.index). */
  index: number;
  kind: AnnotationKind;
  /** In English (CLI, tests). */
  text: string;
  /** The same sentence as a catalogue key `annotation.<code>` and its parameters, for the page's language. */
  code: string;
  params: Record<string, string | number>;
}

export interface StateChange {
  endpoint: string;
  from: State;
  to: State;
  /** Id of the machine's transition record (src/machine/definition.ts). */
  transition: string | null;
  /** What caused it: "close" for an inferred call, "rcv #7" for a segment. */
  cause: string;
}

export interface InferredCall {
  endpoint: string;
  call: Exclude<Call, 'crash'>;
  bytes?: number;
}

/** A captured segment as the replay shows it: the segment's own fields (the text-capture extras aside) and what it did. */
export interface TimelineEntry extends Omit<CapturedSegment, 'line' | 'seqInferred'> {
  /** SEQ and ACK as tcpdump prints them: relative to the first number seen in each sender's sequence space. */
  relativeSeq: number;
  relativeAck: number | null;
  /** Both sides' states after this segment. */
  states: Record<string, State>;
  changes: StateChange[];
  calls: InferredCall[];
  /** Packet numbers of the segments that reached their receiver's machine while this one was processed (crossing segments arrive late). */
  delivered: number[];
}

export interface ConnectionReplay {
  /** The side that sent the first SYN; null when the capture starts mid-connection. */
  client: string | null;
  server: string | null;
  endpoints: [string, string];
  /** The inferred state of each side when the capture starts. */
  initial: Record<string, State>;
  /** Every state each side passes through, in order, after its initial CLOSED or LISTEN. */
  states: Record<string, State[]>;
  /** Where the capture leaves each side (no timer fires after the last segment). */
  final: Record<string, State>;
  annotations: Annotation[];
  timeline: TimelineEntry[];
}

/** The public JSON of `npm run -s replay` (issue 5): exactly these fields. */
export interface PublicConnectionReplay {
  client: string | null;
  server: string | null;
  states: Record<string, State[]>;
  final: Record<string, State>;
  annotations: Annotation[];
}

export function toPublicReplay(replay: ConnectionReplay): PublicConnectionReplay {
  return { client: replay.client, server: replay.server, states: replay.states, final: replay.final, annotations: replay.annotations };
}

/** Linux: TIME-WAIT lasts 60 s (TCP_TIMEWAIT_LEN), so MSL 30 s; the timer never fires in a replay anyway. */
const CONFIG: Omit<EndpointConfig, 'iss'> = {
  ...ENDPOINT_DEFAULTS,
  // Captured windows are scaled by options we do not read; the replay never waits on a window.
  window: 2 ** 30,
  mss: 2 ** 30,
};

const MAY_SEND_DATA: ReadonlySet<State> = new Set(['ESTABLISHED', 'CLOSE-WAIT', 'SYN-RECEIVED']);

/** A captured segment with its numbers on the machine's line (see SequenceSpace). */
interface LinearSegment {
  captured: CapturedSegment;
  seq: number;
  ack: number | null;
  /** What the machine reads: flags it models, no window (the replay never waits on one). */
  segment: Segment;
}

interface Side {
  name: string;
  tcb: Tcb;
  space: SequenceSpace;
  /** Segments this side's machine asked to send that the capture has not shown yet. */
  expected: Segment[];
  states: State[];
  /** The last segment this side sent, for duplicate detection. */
  previous: CapturedSegment | null;
  /** The window the peer advertised last, as captured (0 means a zero window). */
  peerWindow: number | null;
  /** Segments sent to this side, held back because they crossed this side's next segment. */
  pending: LinearSegment[];
  /** Where each run of new sequence numbers was first sent: [start, end, packet number], in order. */
  firstSent: Array<[number, number, number]>;
  /** The peer's last segment was a keep-alive or probe, which this side's next ACK answers. */
  owesProbeAnswer: boolean;
}

/** The packet number that first carried sequence number `seq` (binary search over runs in sequence order). */
function firstSentAt(side: Side, seq: number): string {
  const runs = side.firstSent;
  let lo = 0;
  let hi = runs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end, index] = runs[mid]!;
    if (seq < start) hi = mid - 1;
    else if (seq >= end) lo = mid + 1;
    else return `#${index}`;
  }
  return 'a packet before the capture';
}

function recordSent(side: Side, start: number, end: number, index: number): void {
  const last = side.firstSent[side.firstSent.length - 1];
  const from = last ? Math.max(start, last[1]) : start;
  if (end > from) side.firstSent.push([from, end, index]);
}

const MODEL_FLAGS: ReadonlySet<CapturedFlag> = new Set(['SYN', 'FIN', 'RST', 'ACK']);

function segmentLength(flags: readonly CapturedFlag[], len: number): number {
  return len + (flags.includes('SYN') ? 1 : 0) + (flags.includes('FIN') ? 1 : 0);
}

function formatFlags(flags: readonly CapturedFlag[]): string {
  return flags.filter((f) => MODEL_FLAGS.has(f)).join(',') || 'no flags';
}

export function replayConnection(connection: Connection): ConnectionReplay {
  return new Replay(connection).run();
}

class Replay {
  private readonly sides: Map<string, Side>;
  private readonly segments: LinearSegment[];
  /** For each segment, the position of the next segment sent by its receiver (or -1). */
  private readonly nextFromReceiver: number[];
  private readonly annotations: Annotation[] = [];
  private readonly timeline: TimelineEntry[] = [];
  private changes: StateChange[] = [];
  private calls: InferredCall[] = [];
  private delivered: number[] = [];
  private recording = true;
  private now = 0;
  private readonly start: number;

  constructor(private readonly connection: Connection) {
    const [a, b] = connection.endpoints;
    const makeSide = (name: string): Side => ({
      name,
      tcb: createEndpoint({ ...CONFIG, iss: 0 }),
      space: new SequenceSpace(),
      expected: [],
      states: [],
      previous: null,
      peerWindow: null,
      pending: [],
      firstSent: [],
      owesProbeAnswer: false,
    });
    this.sides = new Map([
      [a, makeSide(a)],
      [b, makeSide(b)],
    ]);
    this.start = connection.segments[0]?.time ?? 0;
    this.segments = connection.segments.map((captured) => {
      const seq = this.side(captured.src).space.toLine(captured.seq);
      const ack = captured.ack === null ? null : this.side(captured.dst).space.toLine(captured.ack);
      const flags = captured.flags.filter((f): f is Flag => MODEL_FLAGS.has(f));
      return { captured, seq, ack, segment: { flags, seq, ack, len: captured.len } };
    });
    this.nextFromReceiver = new Array(this.segments.length).fill(-1);
    const nextFrom = new Map<string, number>();
    for (let i = this.segments.length - 1; i >= 0; i--) {
      const { captured } = this.segments[i]!;
      this.nextFromReceiver[i] = nextFrom.get(captured.dst) ?? -1;
      nextFrom.set(captured.src, i);
    }
  }

  private side(name: string): Side {
    return this.sides.get(name)!;
  }

  private peer(side: Side): Side {
    return [...this.sides.values()].find((s) => s !== side)!;
  }

  run(): ConnectionReplay {
    const { client, server, initial } = this.setUp();
    this.segments.forEach((linear, position) => this.process(linear, position));
    // The capture ends: whatever is still on its way arrives. No timer fires (TIME-WAIT stays).
    const last = this.timeline[this.timeline.length - 1];
    this.changes = [];
    this.delivered = [];
    for (const side of this.sides.values()) this.flushPending(side);
    if (last) {
      last.changes.push(...this.changes);
      last.delivered.push(...this.delivered);
      last.states = this.currentStates();
    }
    const states: Record<string, State[]> = {};
    const final: Record<string, State> = {};
    for (const side of this.sides.values()) {
      states[side.name] = side.states;
      final[side.name] = side.tcb.state;
    }
    return { client, server, endpoints: this.connection.endpoints, initial, states, final, annotations: this.annotations, timeline: this.timeline };
  }

  /** Decide who opened, and bring both machines to the state the capture starts in. */
  private setUp(): { client: string | null; server: string | null; initial: Record<string, State> } {
    const first = this.segments[0];
    const initial: Record<string, State> = {};
    if (!first) return { client: null, server: null, initial };
    const flags = first.captured.flags;
    const opener = this.side(first.captured.src);
    const other = this.peer(opener);

    if (flags.includes('SYN') && !flags.includes('ACK')) {
      // A normal start. The peer listened if its first answer is a SYN,ACK for this SYN.
      const answer = this.segments.find(
        (s) => s.captured.src === other.name && s.captured.flags.includes('SYN') && s.captured.flags.includes('ACK') && s.ack === first.seq + 1,
      );
      if (answer) {
        this.configure(other, answer.seq);
        this.recording = false;
        this.apply(other, { kind: 'call', call: 'listen' }, 'listen');
        this.recording = true;
      }
      initial[opener.name] = opener.tcb.state;
      initial[other.name] = other.tcb.state;
      return { client: opener.name, server: other.name, initial };
    }

    if (flags.includes('SYN') && flags.includes('ACK') && first.ack !== null) {
      // The capture missed the client's SYN: rebuild it from the SYN,ACK.
      const client = other;
      const server = opener;
      this.recording = false;
      this.configure(client, first.ack - 1);
      this.apply(client, { kind: 'call', call: 'connect' }, 'connect');
      this.configure(server, first.seq);
      this.apply(server, { kind: 'call', call: 'listen' }, 'listen');
      this.apply(server, { kind: 'segment', segment: { flags: ['SYN'], seq: first.ack - 1, ack: null, len: 0 } }, 'SYN not in the capture');
      this.recording = true;
      client.expected = [];
      client.states.push('SYN-SENT');
      server.states.push('SYN-RECEIVED');
      initial[client.name] = 'SYN-SENT';
      initial[server.name] = 'SYN-RECEIVED';
      this.annotate(
        first.captured.index,
        'mid-connection',
        `The capture starts after ${client.name}'s SYN: ${client.name} is taken to be in SYN-SENT and ${server.name} in SYN-RECEIVED.`,
        'startsAfterSyn',
        { client: client.name, server: server.name },
      );
      return { client: client.name, server: server.name, initial };
    }

    // Mid-connection: run a handshake that leaves both sides exactly where the first segments say they are.
    const opensNext = first.seq;
    const otherNext = first.ack ?? this.segments.find((s) => s.captured.src === other.name)?.seq ?? other.space.toLine(0);
    this.recording = false;
    this.configure(opener, opensNext - 1);
    this.configure(other, otherNext - 1);
    this.apply(opener, { kind: 'call', call: 'connect' }, 'connect');
    this.apply(other, { kind: 'call', call: 'listen' }, 'listen');
    this.apply(other, { kind: 'segment', segment: { flags: ['SYN'], seq: opensNext - 1, ack: null, len: 0 } }, 'synthetic SYN');
    this.apply(opener, { kind: 'segment', segment: { flags: ['SYN', 'ACK'], seq: otherNext - 1, ack: opensNext, len: 0 } }, 'synthetic SYN,ACK');
    this.apply(other, { kind: 'segment', segment: { flags: ['ACK'], seq: opensNext, ack: otherNext, len: 0 } }, 'synthetic ACK');
    this.recording = true;
    this.changes = [];
    for (const side of [opener, other]) {
      side.expected = [];
      side.states.push(side.tcb.state);
      initial[side.name] = side.tcb.state;
    }
    this.annotate(
      first.captured.index,
      'mid-connection',
      'The capture starts mid-connection (no SYN): both sides are taken to be ESTABLISHED, with sequence numbers from the first segments.',
      'startsMidConnection',
    );
    return { client: null, server: null, initial };
  }

  private configure(side: Side, iss: number): void {
    side.tcb = { ...side.tcb, iss, config: { ...side.tcb.config, iss } };
  }

  /** Run one input through a side's machine and record what changed. */
  private apply(side: Side, input: Input, cause: string): void {
    const before = side.tcb.state;
    const result = step(side.tcb, input, this.now);
    side.tcb = result.tcb;
    for (const output of result.outputs) {
      if (output.type === 'send') side.expected.push(output.segment);
    }
    if (side.expected.length > 32) side.expected.splice(0, side.expected.length - 32);
    if (input.kind === 'call' && this.recording) {
      this.calls.push(input.bytes === undefined ? { endpoint: side.name, call: input.call } : { endpoint: side.name, call: input.call, bytes: input.bytes });
    }
    if (side.tcb.state !== before && this.recording) {
      side.states.push(side.tcb.state);
      this.changes.push({ endpoint: side.name, from: before, to: side.tcb.state, transition: result.transition, cause });
    }
  }

  private annotate(index: number, kind: AnnotationKind, text: string, code: string, params: Record<string, string | number> = {}): void {
    this.annotations.push({ index, kind, text, code, params });
  }

  private currentStates(): Record<string, State> {
    const states: Record<string, State> = {};
    for (const side of this.sides.values()) states[side.name] = side.tcb.state;
    return states;
  }

  private process(linear: LinearSegment, position: number): void {
    const { captured } = linear;
    const sender = this.side(captured.src);
    const receiver = this.peer(sender);
    this.now = captured.time - this.start;
    this.changes = [];
    this.calls = [];
    this.delivered = [];

    this.observeSend(sender, receiver, linear);
    sender.previous = captured;
    receiver.peerWindow = captured.window;
    // What was sent to the sender and held back because it crossed this segment arrives now.
    this.flushPending(sender);
    receiver.pending.push(linear);
    if (receiver.pending.length === 1 && !this.crossesReceiversNext(linear, position)) this.flushPending(receiver);

    this.timeline.push({
      index: captured.index,
      time: captured.time,
      src: captured.src,
      dst: captured.dst,
      flags: captured.flags,
      seq: captured.seq,
      ack: captured.ack,
      len: captured.len,
      window: captured.window,
      relativeSeq: sender.space.relative(linear.seq),
      relativeAck: linear.ack === null ? null : receiver.space.relative(linear.ack),
      states: this.currentStates(),
      changes: this.changes,
      calls: this.calls,
      delivered: this.delivered,
    });
  }

  /**
   * Did the receiver send its next segment before this one reached it? Yes when that segment does
   * not acknowledge this one's sequence space (a SYN crossing a SYN, a FIN crossing a FIN).
   */
  private crossesReceiversNext(linear: LinearSegment, position: number): boolean {
    const consumed = segmentLength(linear.captured.flags, linear.captured.len);
    if (consumed === 0) return false;
    const next = this.nextFromReceiver[position]!;
    if (next < 0) return false;
    const reply = this.segments[next]!;
    if (reply.ack === null) return !reply.captured.flags.includes('RST');
    return reply.ack < linear.seq + consumed;
  }

  private flushPending(side: Side): void {
    const pending = side.pending;
    side.pending = [];
    for (const linear of pending) {
      this.apply(side, { kind: 'segment', segment: linear.segment }, `rcv #${linear.captured.index}`);
      if (this.recording) this.delivered.push(linear.captured.index);
    }
  }

  /** Infer the call behind a captured send, and check it against the sender's machine. */
  private observeSend(sender: Side, receiver: Side, linear: LinearSegment): void {
    const { captured, seq, ack } = linear;
    const flags = captured.flags;
    const index = captured.index;
    const state = sender.tcb.state;
    const relative = (n: number) => sender.space.relative(n);
    const describe = `${formatFlags(flags)} seq ${relative(seq)}${captured.len > 0 ? `:${relative(seq + captured.len)}` : ''}`;

    if (flags.includes('RST')) {
      this.observeReset(sender, receiver, linear);
      return;
    }

    if (flags.includes('SYN')) {
      const synAck = flags.includes('ACK');
      const expectedAt = sender.expected.findIndex((e) => e.flags.includes('SYN') && e.seq === seq && e.flags.includes('ACK') === synAck);
      if (expectedAt >= 0) {
        sender.expected.splice(expectedAt, 1);
      } else if (!synAck && (state === 'CLOSED' || state === 'LISTEN')) {
        this.configure(sender, seq);
        this.apply(sender, { kind: 'call', call: 'connect' }, 'connect');
        sender.expected = sender.expected.filter((e) => !e.flags.includes('SYN'));
      } else if (seq === sender.tcb.iss && (state === 'SYN-SENT' || state === 'SYN-RECEIVED' || (synAck && isSynchronized(state)))) {
        const why = synAck ? 'the ACK that completes the handshake did not arrive in time' : 'no SYN,ACK arrived in time';
        const at = firstSentAt(sender, seq);
        this.annotate(index, 'retransmission', `${sender.name} sent its ${synAck ? 'SYN,ACK' : 'SYN'} again (first sent at ${at}): ${why}.`, synAck ? 'synAckAgain' : 'synAgain', { sender: sender.name, at });
      } else {
        this.annotate(index, 'left-rfc-path', `Left the RFC's path here: ${sender.name} sent ${describe} in ${state}, which its machine would not send.`, 'wouldNotSend', { sender: sender.name, segment: describe, state });
      }
      recordSent(sender, seq, seq + 1, index);
      this.pruneAcks(sender);
      return;
    }

    if (!isSynchronized(state) && state !== 'SYN-RECEIVED') {
      this.annotate(index, 'left-rfc-path', `Left the RFC's path here: ${sender.name} sent ${describe} in ${state}, where its machine sends nothing of the kind.`, 'sendsNothingOfTheKind', { sender: sender.name, segment: describe, state });
      return;
    }

    const fin = flags.includes('FIN');
    const end = seq + captured.len;
    let probe = false;
    if (!fin && captured.len <= 1 && seq === sender.tcb.sndUna - 1) {
      // Linux probes with SEG.SEQ = SND.UNA − 1 so the peer must answer with an ACK.
      probe = true;
      if (sender.peerWindow === 0) {
        this.annotate(index, 'window-probe', `${sender.name} probes ${receiver.name}'s zero window (seq ${relative(seq)}, one below SND.UNA): the peer must answer with its window.`, 'windowProbe', { sender: sender.name, receiver: receiver.name, seq: relative(seq) });
      } else {
        const text = `Keep-alive from ${sender.name}: seq ${relative(seq)} is one below SND.NXT and carries ${captured.len} byte${captured.len === 1 ? '' : 's'}, so ${receiver.name} must answer with an ACK.`;
        this.annotate(index, 'keep-alive', text, captured.len === 1 ? 'keepAlive.one' : 'keepAlive.other', { sender: sender.name, receiver: receiver.name, seq: relative(seq), bytes: captured.len });
      }
    }

    if (!probe && captured.len > 0) {
      const sndNxt = sender.tcb.sndNxt;
      const dataEnd = sender.tcb.finSeq === null ? sndNxt : sender.tcb.finSeq;
      if (end <= dataEnd) {
        const at = firstSentAt(sender, seq);
        this.annotate(index, 'retransmission', `${sender.name} sent bytes ${relative(seq)}:${relative(end)} again (first sent at ${at}): a retransmission.`, 'bytesAgain', { sender: sender.name, from: relative(seq), to: relative(end), at });
      } else if (!MAY_SEND_DATA.has(state)) {
        this.annotate(index, 'left-rfc-path', `Left the RFC's path here: ${sender.name} sent new data in ${state}, after its own FIN.`, 'dataAfterFin', { sender: sender.name, state });
      } else {
        if (seq > sndNxt) {
          this.annotate(index, 'lost', `Bytes ${relative(sndNxt)}:${relative(seq)} from ${sender.name} never appear in the capture: a segment was lost before the capture point (or the capture dropped it).`, 'bytesMissing', { sender: sender.name, from: relative(sndNxt), to: relative(seq) });
          // The receiver's machine does not reassemble: hand it the missing bytes with these, as if
          // the capture had only missed them. A real loss shows up later as their retransmission.
          linear.segment = { ...linear.segment, seq: sndNxt, len: end - sndNxt };
        }
        this.apply(sender, { kind: 'call', call: 'send', bytes: end - sndNxt }, 'send');
      }
    }
    if (!probe) recordSent(sender, seq, seq + segmentLength(flags, captured.len), index);

    if (fin) {
      const finSeq = sender.tcb.finSeq;
      if (finSeq !== null) {
        if (end === finSeq) {
          if (captured.len === 0) this.annotate(index, 'retransmission', `${sender.name} sent its FIN again: it was not acknowledged in time.`, 'finAgain', { sender: sender.name });
        } else {
          this.annotate(index, 'left-rfc-path', `Left the RFC's path here: ${sender.name} sent a second FIN at seq ${relative(end)}, after its first at ${relative(finSeq)}.`, 'secondFin', { sender: sender.name, seq: relative(end), first: relative(finSeq) });
        }
      } else if (CLOSE_SENDS_FIN.has(sender.tcb.state)) {
        this.apply(sender, { kind: 'call', call: 'close' }, 'close');
      } else {
        this.annotate(index, 'left-rfc-path', `Left the RFC's path here: ${sender.name} sent a FIN in ${sender.tcb.state}.`, 'finInState', { sender: sender.name, state: sender.tcb.state });
      }
    }

    const answersProbe = sender.owesProbeAnswer;
    sender.owesProbeAnswer = false;
    receiver.owesProbeAnswer = probe;
    if (!probe && !answersProbe && !fin && captured.len === 0 && this.isDuplicate(sender.previous, captured)) {
      this.annotate(
        index,
        'duplicate',
        `${sender.name} sent the same ACK (ack ${receiver.space.relative(ack ?? 0)}) again, a duplicate ACK: it received a segment it could not use (out of order, already received, or beyond its window).`,
        'duplicateAck',
        { sender: sender.name, ack: receiver.space.relative(ack ?? 0) },
      );
    }

    if (ack !== null && flags.includes('ACK') && ack > sender.tcb.rcvNxt && isSynchronized(sender.tcb.state)) {
      const upTo = receiver.space.relative(ack);
      this.annotate(index, 'lost', `${sender.name} acknowledges ${receiver.name}'s bytes up to ${upTo}, beyond anything the capture showed: segments are missing from the capture.`, 'ackBeyondCapture', { sender: sender.name, receiver: receiver.name, ack: upTo });
      // Believe the capture: the sender did receive them.
      sender.tcb = { ...sender.tcb, rcvNxt: ack };
    }
    this.pruneAcks(sender);
  }

  private observeReset(sender: Side, receiver: Side, linear: LinearSegment): void {
    const index = linear.captured.index;
    const state = sender.tcb.state;
    const answerAt = sender.expected.findIndex((e) => e.flags.includes('RST'));
    if (answerAt >= 0) {
      sender.expected.splice(answerAt, 1);
      const [why, code] =
        state === 'CLOSED' && receiver.tcb.state === 'SYN-SENT'
          ? [`nothing listens on ${sender.name}: connection refused`, 'rstRefused']
          : state === 'CLOSED'
            ? [`${sender.name} has no connection for this segment (§3.10.7.1)`, 'rstNoConnection']
            : [`${sender.name} answers an unacceptable segment in ${state} with a reset`, 'rstUnacceptable'];
      this.annotate(index, 'rst', `RST from ${sender.name}: ${why}.`, code, { sender: sender.name, state });
    } else if (isSynchronized(state) && linear.seq !== sender.tcb.sndNxt) {
      // An ABORT sends <SEQ=SND.NXT><CTL=RST>; any other SEQ did not come from this side's TCB.
      this.annotate(
        index,
        'rst',
        `RST claiming to come from ${sender.name} with seq ${sender.space.relative(linear.seq)}, but its SND.NXT is ${sender.space.relative(sender.tcb.sndNxt)}: not its own reset (forged, or from an older connection). ${sender.name} stays in ${state}.`,
        'rstNotOwn',
        { sender: sender.name, seq: sender.space.relative(linear.seq), sndNxt: sender.space.relative(sender.tcb.sndNxt), state },
      );
    } else if (ABORT_SENDS_RST.has(state)) {
      this.apply(sender, { kind: 'call', call: 'abort' }, 'abort');
      this.annotate(
        index,
        'rst',
        `RST from ${sender.name} in ${state}: an ABORT (close() with SO_LINGER 0 or with unread data, or the process died), not a FIN.`,
        'rstAbort',
        { sender: sender.name, state },
      );
    } else {
      this.annotate(index, 'rst', `RST from ${sender.name} in ${state}.`, 'rstInState', { sender: sender.name, state });
      this.annotate(index, 'left-rfc-path', `Left the RFC's path here: ${sender.name} sent a RST in ${state}, where its machine sends none.`, 'rstSendsNone', { sender: sender.name, state });
      if (state !== 'CLOSED' && state !== 'LISTEN') this.apply(sender, { kind: 'call', call: 'abort' }, 'abort');
    }
    this.pruneAcks(sender);
  }

  private isDuplicate(previous: CapturedSegment | null, current: CapturedSegment): boolean {
    return (
      previous !== null &&
      previous.seq === current.seq &&
      previous.ack === current.ack &&
      previous.len === 0 &&
      previous.window === current.window &&
      previous.flags.join() === current.flags.join() &&
      !current.flags.includes('SYN') &&
      !current.flags.includes('FIN')
    );
  }

  /**
   * Only the machine's SYNs and RSTs are matched against the capture; its ACKs, data and FINs are checked
   * through its sequence variables instead, because Linux delays and piggybacks ACKs.
   */
  private pruneAcks(side: Side): void {
    side.expected = side.expected.filter((e) => e.flags.includes('SYN') || e.flags.includes('RST'));
  }
}
