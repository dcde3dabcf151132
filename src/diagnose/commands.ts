import { SS_FILTER_NAME } from './states';
import type { FindingCode, RfcState } from './types';

/**
 * The next steps a finding offers, to copy: an ss state filter for the state and ports, a tcpdump capture filter
 * (BPF, pcap-filter(7)) for those ports and the segments that matter, and the same as a Wireshark display filter.
 */
export interface NextCommands {
  ss: string;
  tcpdump: string;
  wireshark: string;
}

/** Which segments tell the story of each finding: FINs and RSTs for the closing states, SYNs for the opening ones. */
const SEGMENTS: Record<FindingCode, { bpf: string | null; wireshark: string | null }> = {
  'close-wait-leak': { bpf: 'tcp[tcpflags] & (tcp-fin|tcp-rst) != 0', wireshark: 'tcp.flags.fin == 1 || tcp.flags.reset == 1' },
  'time-wait-many': { bpf: 'tcp[tcpflags] & (tcp-syn|tcp-fin|tcp-rst) != 0', wireshark: 'tcp.flags.syn == 1 || tcp.flags.fin == 1 || tcp.flags.reset == 1' },
  'fin-wait-2-orphans': { bpf: 'tcp[tcpflags] & (tcp-fin|tcp-rst) != 0', wireshark: 'tcp.flags.fin == 1 || tcp.flags.reset == 1' },
  'last-ack-stuck': { bpf: 'tcp[tcpflags] & (tcp-fin|tcp-rst) != 0', wireshark: 'tcp.flags.fin == 1 || tcp.flags.reset == 1 || tcp.analysis.retransmission' },
  'syn-recv-flood': { bpf: 'tcp[tcpflags] & tcp-syn != 0', wireshark: 'tcp.flags.syn == 1' },
  'syn-sent-unanswered': { bpf: 'tcp[tcpflags] & (tcp-syn|tcp-rst) != 0', wireshark: 'tcp.flags.syn == 1 || tcp.flags.reset == 1' },
  'accept-queue-overflow': { bpf: 'tcp[tcpflags] & (tcp-syn|tcp-rst) != 0', wireshark: 'tcp.flags.syn == 1 || tcp.flags.reset == 1 || tcp.analysis.retransmission' },
  retransmitting: { bpf: null, wireshark: 'tcp.analysis.retransmission || tcp.analysis.fast_retransmission' },
  'zero-window': { bpf: null, wireshark: 'tcp.analysis.zero_window || tcp.analysis.zero_window_probe || tcp.analysis.window_full' },
  'keepalive-missing': { bpf: null, wireshark: 'tcp.analysis.keep_alive || tcp.analysis.keep_alive_ack' },
};

/** ss options per finding: -o for timers, -i for retransmissions and idle times, -p for the owning process. */
const SS_OPTIONS: Partial<Record<FindingCode, string>> = {
  retransmitting: '-tnoi',
  'zero-window': '-tnoi',
  'keepalive-missing': '-tnoi',
  'accept-queue-overflow': '-ltn',
};

/**
 * @param localPorts service ports on this host (sport in ss, the server side)
 * @param peerPorts service ports on the peers (dport in ss, this host is the client)
 */
export function nextCommands(code: FindingCode, state: RfcState, localPorts: readonly number[], peerPorts: readonly number[]): NextCommands {
  const ports = [...new Set([...localPorts, ...peerPorts])].slice(0, 3);
  const ssPorts = [...localPorts.slice(0, 3).map((port) => `sport = :${port}`), ...peerPorts.slice(0, 3).map((port) => `dport = :${port}`)].slice(0, 3);
  const ssFilter = ssPorts.length > 0 ? ` '( ${ssPorts.join(' or ')} )'` : '';
  const options = SS_OPTIONS[code] ?? '-tnop';
  const ss = code === 'accept-queue-overflow' ? `ss ${options}${ssFilter}` : `ss ${options} state ${SS_FILTER_NAME[state]}${ssFilter}`;

  const bpfPorts = ports.length === 0 ? 'tcp' : ports.length === 1 ? `tcp port ${ports[0]}` : `tcp and (${ports.map((port) => `port ${port}`).join(' or ')})`;
  const { bpf, wireshark: segments } = SEGMENTS[code];
  const tcpdump = `tcpdump -i any -nn '${bpf ? `${bpfPorts} and ${bpf}` : bpfPorts}'`;

  const wiresharkPorts = ports.length === 0 ? 'tcp' : ports.length === 1 ? `tcp.port == ${ports[0]}` : `tcp.port in {${ports.join(' ')}}`;
  const wireshark = segments ? `${wiresharkPorts} && (${segments})` : wiresharkPorts;
  return { ss, tcpdump, wireshark };
}
