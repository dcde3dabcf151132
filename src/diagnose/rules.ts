import { hostOf, portOf } from './address';
import type { Capabilities, FindingCode, ParsedInput, RfcState, Severity, Socket } from './types';

/**
 * The rules behind the findings, one per code. Each is written down here in words (`RULES[code].rule`, shown in
 * the CLI's JSON and on the page) and tested on real fixtures that trigger it and real fixtures that do not
 * (src/diagnose/rules.test.ts). Thresholds are constants so that the article and the tests can name them.
 */
export const THRESHOLDS = {
  /** CLOSE-WAIT never times out in the kernel: one socket is worth a look, this many is a leak. */
  closeWaitHigh: 10,
  /** TIME-WAIT sockets in a snapshot before it is worth a finding (60 s each, TCP_TIMEWAIT_LEN). */
  timeWaitMany: 1000,
  /** … and the share of the ephemeral range used towards one peer at which new connect()s start to fail. */
  timeWaitPortShare: 0.5,
  finWait2Many: 10,
  lastAckMany: 5,
  synRecvMany: 10,
  synSentMany: 5,
  /** Established sockets idle this long with no keepalive timer. */
  idleMs: 60_000,
  retransmitsHigh: 5,
  highCount: 100,
} as const;

/** Linux's default net.ipv4.ip_local_port_range (ip-sysctl.rst): what a snapshot is judged against unless told. */
export const DEFAULT_PORT_RANGE: readonly [number, number] = [32768, 60999];

export interface RuleResult {
  code: FindingCode;
  severity: Severity;
  /** Indexes of the sockets covered. */
  socketIndexes: number[];
  /** Counted sockets when there are no socket rows (ss -s). */
  count?: number;
  /** Which sentence to say: a rule may have variants (client or server side, …). */
  variant: string;
  params: Record<string, string | number>;
}

export interface RuleContext {
  input: ParsedInput;
  portRange: readonly [number, number];
  listenerPorts: Set<string>;
}

interface Rule {
  code: FindingCode;
  /** The rule in words. */
  rule: string;
  /** Whether the format shows what the rule needs (timers, idle times, the backlog); absent: always. */
  judgeable?: (capabilities: Capabilities) => boolean;
  /** The state to show on the diagram and in the ss filter. */
  state: RfcState;
  /** A playground setup that reproduces the state (tested: some endpoint is in `state` at that step). */
  playground: { scenario: string; step: number } | null;
  judge(context: RuleContext): RuleResult | null;
}

const indexesWhere = (sockets: readonly Socket[], test: (socket: Socket) => boolean) =>
  sockets.flatMap((socket, index) => (test(socket) ? [index] : []));

const severityOf = (count: number, high: number): Severity => (count >= high ? 'high' : 'medium');

/** The persist timer in a closing state: the FIN waits unsent behind a closed window (or a refused transmit). */
const probing = (socket: Socket) => socket.timer?.name === 'persist';

const retransmitted = (socket: Socket) =>
  (socket.timer !== null && socket.timer.retransmits >= 1 && socket.timer.name !== 'keepalive' && socket.timer.name !== 'timewait') ||
  (socket.info?.retrans ?? 0) >= 1;

/** A socket is known to have stayed in its state (tcpstates) or to be retrying there (a timer's count). */
const stuck = (socket: Socket) => socket.dwellMs !== undefined || retransmitted(socket) || probing(socket);

export const RULES: readonly Rule[] = [
  {
    code: 'close-wait-leak',
    state: 'CLOSE-WAIT',
    playground: { scenario: 'half-close', step: 8 },
    rule: `At least one socket in CLOSE-WAIT (the peer sent its FIN; this host's application has not called close()); high from ${THRESHOLDS.closeWaitHigh}.`,
    judge({ input }) {
      const covered = indexesWhere(input.sockets, (s) => s.state === 'CLOSE-WAIT');
      if (covered.length === 0) return null;
      return { code: 'close-wait-leak', severity: severityOf(covered.length, THRESHOLDS.closeWaitHigh), socketIndexes: covered, variant: 'default', params: {} };
    },
  },
  {
    code: 'time-wait-many',
    state: 'TIME-WAIT',
    playground: { scenario: 'normal-open-close', step: 10 },
    rule: `At least ${THRESHOLDS.timeWaitMany} sockets in TIME-WAIT; high when those towards one peer address and port hold ${THRESHOLDS.timeWaitPortShare * 100}% of ip_local_port_range (default ${DEFAULT_PORT_RANGE.join('–')}). Client side when most have an ephemeral local port, server side otherwise.`,
    judge({ input, portRange, listenerPorts }): RuleResult | null {
      const range = portRange[1] - portRange[0] + 1;
      if (input.summary) {
        const count = input.summary.timewait;
        if (count < THRESHOLDS.timeWaitMany) return null;
        return { code: 'time-wait-many', severity: 'medium', socketIndexes: [], count, variant: 'summary', params: { range } };
      }
      const covered = indexesWhere(input.sockets, (s) => s.state === 'TIME-WAIT');
      if (covered.length < THRESHOLDS.timeWaitMany) return null;
      const ephemeral = (port: string) => Number(port) >= portRange[0] && Number(port) <= portRange[1] && !listenerPorts.has(port);
      const towards = new Map<string, number>();
      let clientSide = 0;
      for (const index of covered) {
        const socket = input.sockets[index]!;
        if (!ephemeral(portOf(socket.local))) continue;
        clientSide++;
        const key = `${hostOf(socket.local)} ${socket.peer}`;
        towards.set(key, (towards.get(key) ?? 0) + 1);
      }
      const [busiest, used]: [string, number] = [...towards.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
      const severity: Severity = used >= range * THRESHOLDS.timeWaitPortShare ? 'high' : 'medium';
      const variant = clientSide * 2 >= covered.length ? 'client' : 'server';
      return { code: 'time-wait-many', severity, socketIndexes: covered, variant, params: { used, range, peer: busiest.split(' ')[1] ?? '' } };
    },
  },
  {
    code: 'fin-wait-2-orphans',
    state: 'FIN-WAIT-2',
    playground: { scenario: 'half-close', step: 8 },
    rule: `At least ${THRESHOLDS.finWait2Many} sockets in FIN-WAIT-2 that no process holds: where timers are shown, those on the timewait timer (an orphan handed to a timewait socket); where ss -i is shown, those without TCP info (timewait sockets have none); where processes are shown, those without one; otherwise every FIN-WAIT-2 socket.`,
    judge({ input }) {
      const { timers, info, process } = input.capabilities;
      const covered = indexesWhere(input.sockets, (s) => {
        if (s.state !== 'FIN-WAIT-2') return false;
        if (s.dwellMs !== undefined) return true;
        if (timers) return s.timer?.name === 'timewait';
        if (info) return !s.info;
        if (process) return !s.process;
        return true;
      });
      if (covered.length < THRESHOLDS.finWait2Many) return null;
      return { code: 'fin-wait-2-orphans', severity: severityOf(covered.length, THRESHOLDS.highCount * 10), socketIndexes: covered, variant: timers || info || process ? 'orphans' : 'unknown', params: {} };
    },
  },
  {
    code: 'last-ack-stuck',
    state: 'LAST-ACK',
    playground: { scenario: 'lost-final-ack', step: 10 },
    rule: `Sockets in LAST-ACK whose timer shows at least one retransmission, or runs the persist timer (or, in tcpstates, that stayed 1 s or more); without timers, at least ${THRESHOLDS.lastAckMany} LAST-ACK sockets.`,
    judge({ input }) {
      const all = indexesWhere(input.sockets, (s) => s.state === 'LAST-ACK');
      const covered = input.capabilities.timers || input.format === 'tcpstates' ? all.filter((i) => stuck(input.sockets[i]!)) : all.length >= THRESHOLDS.lastAckMany ? all : [];
      if (covered.length === 0) return null;
      return { code: 'last-ack-stuck', severity: severityOf(covered.length, THRESHOLDS.highCount), socketIndexes: covered, variant: 'default', params: {} };
    },
  },
  {
    code: 'syn-recv-flood',
    state: 'SYN-RECEIVED',
    playground: { scenario: 'lost-handshake-ack', step: 4 },
    rule: `At least ${THRESHOLDS.synRecvMany} half-open requests (SYN-RECV); a flood when they come from many peers, lost final ACKs when from few. High from ${THRESHOLDS.highCount}.`,
    judge({ input }) {
      const covered = indexesWhere(input.sockets, (s) => s.state === 'SYN-RECEIVED');
      if (covered.length < THRESHOLDS.synRecvMany) return null;
      const peers = new Set(covered.map((i) => hostOf(input.sockets[i]!.peer)));
      return {
        code: 'syn-recv-flood',
        severity: severityOf(covered.length, THRESHOLDS.highCount),
        socketIndexes: covered,
        variant: peers.size * 4 >= covered.length && peers.size > 3 ? 'flood' : 'fewPeers',
        params: { peers: peers.size },
      };
    },
  },
  {
    code: 'syn-sent-unanswered',
    state: 'SYN-SENT',
    playground: { scenario: 'syn-retries-exhausted', step: 4 },
    rule: `Sockets in SYN-SENT whose timer shows at least one SYN retransmission (or, in tcpstates, that waited 1 s or more); without timers, at least ${THRESHOLDS.synSentMany} SYN-SENT sockets.`,
    judge({ input }) {
      const all = indexesWhere(input.sockets, (s) => s.state === 'SYN-SENT');
      const covered = input.capabilities.timers || input.format === 'tcpstates' ? all.filter((i) => stuck(input.sockets[i]!)) : all.length >= THRESHOLDS.synSentMany ? all : [];
      if (covered.length === 0) return null;
      return { code: 'syn-sent-unanswered', severity: severityOf(covered.length, THRESHOLDS.highCount / 2), socketIndexes: covered, variant: 'default', params: {} };
    },
  },
  {
    code: 'accept-queue-overflow',
    state: 'LISTEN',
    playground: { scenario: 'lost-handshake-ack', step: 4 },
    judgeable: (c) => c.acceptQueueLimit,
    rule: 'A listener (ss only: Recv-Q is its accept queue, Send-Q the backlog) whose Recv-Q is not 0 and at least its Send-Q: the queue is full and new handshakes are dropped.',
    judge({ input }) {
      const covered = indexesWhere(input.sockets, (s) => s.state === 'LISTEN' && s.recvQ > 0 && s.sendQ !== null && s.recvQ >= s.sendQ);
      if (covered.length === 0) return null;
      const first = input.sockets[covered[0]!]!;
      return { code: 'accept-queue-overflow', severity: 'high', socketIndexes: covered, variant: 'default', params: { queue: first.recvQ, backlog: first.sendQ ?? 0 } };
    },
  },
  {
    code: 'retransmitting',
    state: 'ESTABLISHED',
    playground: { scenario: 'half-open-crash', step: 7 },
    judgeable: (c) => c.timers || c.info,
    rule: `Sockets in ESTABLISHED, CLOSE-WAIT, FIN-WAIT-1 or CLOSING with the retransmission timer on and a count of at least 1 (or ss -i retrans:N/… with N ≥ 1); high when one has retransmitted ${THRESHOLDS.retransmitsHigh} times.`,
    judge({ input }) {
      const covered = indexesWhere(input.sockets, (s) => ['ESTABLISHED', 'CLOSE-WAIT', 'FIN-WAIT-1', 'CLOSING'].includes(s.state) && s.timer?.name !== 'persist' && retransmitted(s));
      if (covered.length === 0) return null;
      const most = Math.max(...covered.map((i) => Math.max(input.sockets[i]!.timer?.retransmits ?? 0, input.sockets[i]!.info?.retrans ?? 0)));
      return { code: 'retransmitting', severity: most >= THRESHOLDS.retransmitsHigh ? 'high' : 'medium', socketIndexes: covered, variant: 'default', params: { most } };
    },
  },
  {
    code: 'zero-window',
    state: 'ESTABLISHED',
    playground: null,
    judgeable: (c) => c.timers,
    rule: 'Sockets in ESTABLISHED or CLOSE-WAIT with the persist timer running: the peer advertised a zero window and this host probes it.',
    judge({ input }) {
      const covered = indexesWhere(input.sockets, (s) => (s.state === 'ESTABLISHED' || s.state === 'CLOSE-WAIT') && s.timer?.name === 'persist');
      if (covered.length === 0) return null;
      return { code: 'zero-window', severity: 'medium', socketIndexes: covered, variant: 'default', params: {} };
    },
  },
  {
    code: 'keepalive-missing',
    state: 'ESTABLISHED',
    playground: { scenario: 'half-open-crash', step: 5 },
    judgeable: (c) => c.timers && c.info,
    rule: `ESTABLISHED sockets with no timer at all whose last send, receive and ACK are all at least ${THRESHOLDS.idleMs / 1000} s ago (ss -o and -i both needed).`,
    judge({ input }) {
      const covered = indexesWhere(input.sockets, (s) => {
        if (s.state !== 'ESTABLISHED' || s.timer !== null || !s.info) return false;
        const idle = [s.info.lastSendMs, s.info.lastReceiveMs, s.info.lastAckMs];
        return idle.every((ms) => ms !== null && ms >= THRESHOLDS.idleMs);
      });
      if (covered.length === 0) return null;
      return { code: 'keepalive-missing', severity: 'low', socketIndexes: covered, variant: 'default', params: { idle: THRESHOLDS.idleMs / 1000 } };
    },
  },
];

export function ruleOf(code: FindingCode): Rule {
  return RULES.find((rule) => rule.code === code)!;
}
