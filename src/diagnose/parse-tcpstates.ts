import { DiagnoseError, quoted } from './diagnose-error';
import { netstatState } from './states';
import type { ParsedInput, Socket } from './types';

/**
 * bcc's and libbpf-tools' `tcpstates`: one line per state change, traced at the sock:inet_sock_set_state
 * tracepoint, with how long the socket stayed in the state it left (MS):
 *
 *   SKADDR           C-PID C-COMM     LADDR           LPORT RADDR           RPORT OLDSTATE    -> NEWSTATE    MS
 *   ffff9fd7e8192000 22384 curl       100.66.100.185  0     52.33.159.26    80    CLOSE       -> SYN_SENT    0.000
 *
 * Columns are found by name (`-T` adds TIME(s), `-w` or libbpf's IP column are allowed). A trace is not a
 * snapshot, so it becomes one this way: every socket still open at the end of the trace, in its last state, and
 * every socket that stayed at least STUCK_MS in a state before leaving it, in that state (with `dwellMs`).
 * Note that the tracepoint never shows TIME_WAIT: a closing socket hands over to a timewait socket (FIN_WAIT2 -> CLOSE).
 */
export const TCPSTATES_HEADER = /^(?:TIME(?:\(s\))?\s+)?SKADDR\s+.*\bLADDR\s+LPORT\s+RADDR\s+RPORT\s+OLDSTATE\s+->\s+NEWSTATE\s+MS\s*$/;

/** A socket that stays this long in a state is reported in it. */
export const STUCK_MS = 1000;

export function parseTcpstates(lines: readonly string[], headerIndex: number): ParsedInput {
  const header = lines[headerIndex]!.trim().split(/\s+/);
  const column = (name: string) => header.indexOf(name);
  const [skaddr, laddr, lport, raddr, rport, oldState, newState, ms] = ['SKADDR', 'LADDR', 'LPORT', 'RADDR', 'RPORT', 'OLDSTATE', 'NEWSTATE', 'MS'].map(column) as number[];
  const open = new Map<string, Socket>();
  const stuck: Socket[] = [];
  let transitions = 0;
  for (let index = headerIndex + 1; index < lines.length; index++) {
    const raw = lines[index]!;
    const lineNumber = index + 1;
    if (raw.trim() === '') continue;
    const tokens = raw.trim().split(/\s+/);
    if (tokens.length !== header.length) {
      throw new DiagnoseError(lineNumber, `${header.length} columns like the header (${header.join(' ')})`, `${tokens.length}: ${quoted(raw)}`);
    }
    const from = netstatState(tokens[oldState!]!);
    const to = netstatState(tokens[newState!]!);
    if (!from || !to) throw new DiagnoseError(lineNumber, 'states such as SYN_SENT -> ESTABLISHED', quoted(`${tokens[oldState!]} -> ${tokens[newState!]}`));
    const dwell = Number(tokens[ms!]);
    if (!/^\d+(?:\.\d+)?$/.test(tokens[ms!]!)) throw new DiagnoseError(lineNumber, 'the milliseconds spent in the old state (MS) as a number', quoted(tokens[ms!]));
    const address = (host: string, port: string) => {
      if (!/^\d+$/.test(port) || Number(port) > 65535) throw new DiagnoseError(lineNumber, 'a port number', quoted(port));
      if (!/^[0-9a-fA-F:.]+$/.test(host)) throw new DiagnoseError(lineNumber, 'an IP address', quoted(host));
      const shown = Number(port) === 0 ? '*' : port;
      return host.includes(':') ? `[${host}]:${shown}` : `${host}:${shown}`;
    };
    const local = address(tokens[laddr!]!, tokens[lport!]!);
    const peer = address(tokens[raddr!]!, tokens[rport!]!);
    transitions++;
    const key = tokens[skaddr!]!;
    const base = { local, peer, timer: null, recvQ: 0, sendQ: null, line: lineNumber };
    if (dwell >= STUCK_MS && from.rfc !== 'CLOSED' && from.ss !== 'LISTEN' && from.ss !== 'ESTAB') {
      stuck.push({ ...base, state: from.rfc, linuxState: from.ss, dwellMs: dwell });
    }
    if (to.rfc === 'CLOSED') open.delete(key);
    else open.set(key, { ...base, state: to.rfc, linuxState: to.ss });
  }
  return {
    format: 'tcpstates',
    sockets: [...stuck, ...open.values()].sort((a, b) => a.line - b.line),
    transitions,
    capabilities: { timers: false, info: false, process: false, acceptQueueLimit: false, summaryOnly: false },
  };
}
