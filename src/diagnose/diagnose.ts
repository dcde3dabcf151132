import { hostOf, portOf } from './address';
import { nextCommands } from './commands';
import { parseInput } from './detect';
import { DIAGNOSE_MESSAGES, diagnoseTranslator, type DiagnoseLocale, type DiagnoseMessageKey } from './messages';
import { DEFAULT_PORT_RANGE, RULES, type RuleContext, type RuleResult } from './rules';
import { RFC_STATES } from './states';
import type { Diagnosis, Finding, FindingCode, ParsedInput, RfcState, Socket } from './types';

export interface DiagnoseOptions {
  /** The language of the findings' sentences. */
  locale?: DiagnoseLocale;
  /** net.ipv4.ip_local_port_range of the host, when known. */
  portRange?: readonly [number, number];
}

/** The whole analysis: parse (throws DiagnoseError on input it cannot read), count, judge every rule. */
export function diagnose(text: string, options: DiagnoseOptions = {}): Diagnosis {
  return analyze(parseInput(text), options);
}

const TOP = 20;

export function analyze(input: ParsedInput, options: DiagnoseOptions = {}): Diagnosis {
  const t = diagnoseTranslator(DIAGNOSE_MESSAGES[options.locale ?? 'en']);
  const { sockets } = input;
  const counts: Partial<Record<RfcState, number>> = {};
  const linuxCounts: Record<string, number> = {};
  if (input.summary) {
    counts.ESTABLISHED = input.summary.estab;
    counts['TIME-WAIT'] = input.summary.timewait;
  }
  for (const socket of sockets) {
    counts[socket.state] = (counts[socket.state] ?? 0) + 1;
    linuxCounts[socket.linuxState] = (linuxCounts[socket.linuxState] ?? 0) + 1;
  }
  const orderedCounts = Object.fromEntries(RFC_STATES.filter((state) => counts[state] !== undefined).map((state) => [state, counts[state]!])) as Partial<Record<RfcState, number>>;

  const listenerPorts = new Set(sockets.filter((socket) => socket.state === 'LISTEN').map((socket) => portOf(socket.local)));
  const context: RuleContext = { input, portRange: options.portRange ?? DEFAULT_PORT_RANGE, listenerPorts };
  const findings: Finding[] = [];
  const notJudged: FindingCode[] = [];
  for (const rule of RULES) {
    const judgeable = input.capabilities.summaryOnly ? rule.code === 'time-wait-many' : (rule.judgeable?.(input.capabilities) ?? true);
    if (!judgeable) {
      notJudged.push(rule.code);
      continue;
    }
    const result = rule.judge(context);
    if (result) findings.push(finding(result, rule, context, t));
  }

  return {
    format: input.format,
    sockets,
    counts: orderedCounts,
    findings,
    linuxCounts,
    byLocalPort: groupBy(sockets, (socket) => portOf(socket.local)).map(([port, group]) => ({ port, sockets: group.length, states: stateCounts(group) })),
    byPeer: groupBy(
      sockets.filter((socket) => portOf(socket.peer) !== '*'),
      (socket) => hostOf(socket.peer),
    ).map(([peer, group]) => ({ peer, sockets: group.length, states: stateCounts(group) })),
    timers: input.capabilities.timers || input.capabilities.info ? timerCounts(sockets) : null,
    capabilities: input.capabilities,
    ...(input.summary ? { summary: input.summary } : {}),
    notJudged,
  };
}

function finding(result: RuleResult, rule: (typeof RULES)[number], context: RuleContext, t: ReturnType<typeof diagnoseTranslator>): Finding {
  const covered = result.socketIndexes.map((index) => context.input.sockets[index]!);
  const { local, peer } = servicePorts(covered, context);
  const ports = [...local, ...peer].slice(0, 3);
  const portsText = ports.length === 0 ? '' : t(ports.length === 1 ? 'finding.ports' : 'finding.portsMany', { ports: ports.join(', ') });
  const count = result.count ?? covered.length;
  const message = t(`finding.${result.code}.${result.variant}` as DiagnoseMessageKey, { count, ports: portsText, ...result.params });
  const next = nextCommands(result.code, rule.state, local, peer);
  return {
    code: result.code,
    severity: result.severity,
    sockets: count,
    message,
    commands: [next.ss, next.tcpdump, next.wireshark],
    next,
    socketIndexes: result.socketIndexes,
    ports,
    article: `reading-server-sockets/#${result.code}`,
    playground: rule.playground ? `playground/?scenario=${rule.playground.scenario}&step=${rule.playground.step}` : null,
    rule: rule.rule,
  };
}

/**
 * The ports that name the service: a port this host listens on (then the socket is the server side), else the
 * peer's port when the local one is ephemeral (this host is the client). Most sockets first.
 */
function servicePorts(sockets: readonly Socket[], context: RuleContext): { local: number[]; peer: number[] } {
  const local = new Map<number, number>();
  const peer = new Map<number, number>();
  const [low, high] = context.portRange;
  const bump = (map: Map<number, number>, port: string) => {
    if (/^\d+$/.test(port)) map.set(Number(port), (map.get(Number(port)) ?? 0) + 1);
  };
  for (const socket of sockets) {
    const localPort = portOf(socket.local);
    const peerPort = portOf(socket.peer);
    if (context.listenerPorts.has(localPort) || socket.state === 'LISTEN') bump(local, localPort);
    else if (context.listenerPorts.has(peerPort)) bump(peer, peerPort);
    else if (Number(localPort) >= low && Number(localPort) <= high) bump(peer, peerPort);
    else bump(local, localPort);
  }
  const ordered = (map: Map<number, number>) => [...map.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([port]) => port);
  return { local: ordered(local), peer: ordered(peer) };
}

function groupBy(sockets: readonly Socket[], key: (socket: Socket) => string): Array<[string, Socket[]]> {
  const groups = new Map<string, Socket[]>();
  for (const socket of sockets) {
    const name = key(socket);
    let group = groups.get(name);
    if (!group) groups.set(name, (group = []));
    group.push(socket);
  }
  return [...groups.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)).slice(0, TOP);
}

function stateCounts(sockets: readonly Socket[]): Partial<Record<RfcState, number>> {
  const counts: Partial<Record<RfcState, number>> = {};
  for (const socket of sockets) counts[socket.state] = (counts[socket.state] ?? 0) + 1;
  return counts;
}

function timerCounts(sockets: readonly Socket[]): NonNullable<Diagnosis['timers']> {
  const timers = { on: 0, keepalive: 0, timewait: 0, persist: 0, none: 0, retransmitting: 0 };
  for (const socket of sockets) {
    if (socket.timer) timers[socket.timer.name]++;
    else timers.none++;
    if ((socket.timer?.name === 'on' && socket.timer.retransmits > 0) || (socket.info?.retrans ?? 0) > 0) timers.retransmitting++;
  }
  return timers;
}
