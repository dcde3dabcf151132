import { DiagnoseError, quoted } from './diagnose-error';
import { netstatAddress } from './address';
import { netstatState } from './states';
import type { FormatId, ParsedInput, Socket, SocketTimer } from './types';

/**
 * `netstat -ant`, `-antp`, `-anto`: `Proto Recv-Q Send-Q Local Address Foreign Address State [PID/Program name] [Timer]`.
 * Only tcp and tcp6 rows; netstat reads /proc/net/tcp, so a listener's Send-Q is not its backlog here.
 */
export const NETSTAT_HEADER = /^Proto\s+Recv-Q\s+Send-Q\s+Local\s+Address\s+Foreign\s+Address\s+State/;

export function parseNetstat(lines: readonly string[], headerIndex: number): ParsedInput {
  const header = lines[headerIndex]!;
  const hasProcess = /PID\/Program name/.test(header);
  const hasTimer = /\bTimer\b/.test(header);
  const sockets: Socket[] = [];
  for (let index = headerIndex + 1; index < lines.length; index++) {
    const raw = lines[index]!;
    const lineNumber = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || /^\(.*\)$/.test(trimmed) || /^(Active|Proto)\b/.test(trimmed)) continue;
    const tokens = trimmed.split(/\s+/);
    const [proto, recv, send, local, peer, stateName, ...rest] = tokens;
    if (proto !== 'tcp' && proto !== 'tcp6') {
      // `netstat -an` lists udp and unix sockets too; the unix table ends the internet part.
      if (proto === 'udp' || proto === 'udp6' || proto === 'raw' || proto === 'raw6') continue;
      if (proto === 'unix' || /^Active UNIX/.test(trimmed)) break;
      throw new DiagnoseError(lineNumber, 'a netstat row starting with tcp or tcp6', quoted(raw));
    }
    if (!/^\d+$/.test(recv ?? '') || !/^\d+$/.test(send ?? '')) {
      throw new DiagnoseError(lineNumber, 'Recv-Q and Send-Q as whole numbers after the protocol', quoted(`${recv ?? ''} ${send ?? ''}`));
    }
    const localAddress = netstatAddress(local ?? '');
    if (!localAddress) throw new DiagnoseError(lineNumber, 'a local address such as 10.0.0.1:8080 or ::1:8080 (netstat -n)', quoted(local));
    const peerAddress = netstatAddress(peer ?? '');
    if (!peerAddress) throw new DiagnoseError(lineNumber, 'a foreign address such as 10.0.0.2:51234 (netstat -n)', quoted(peer));
    const state = netstatState(stateName ?? '');
    if (!state) throw new DiagnoseError(lineNumber, 'a state such as ESTABLISHED, LISTEN or TIME_WAIT', quoted(stateName));
    const socket: Socket = {
      state: state.rfc,
      linuxState: state.ss,
      local: localAddress,
      peer: peerAddress,
      timer: null,
      recvQ: Number(recv),
      sendQ: state.ss === 'LISTEN' ? null : Number(send),
      line: lineNumber,
    };
    let restIndex = 0;
    if (hasProcess) {
      const process = rest[restIndex++];
      if (process === undefined) throw new DiagnoseError(lineNumber, 'a PID/Program name column (or -) after the state', 'nothing');
      socket.process = process === '-' ? null : process;
    }
    if (hasTimer) socket.timer = netstatTimer(rest.slice(restIndex).join(' '), lineNumber);
    sockets.push(socket);
  }
  const format = `netstat-ant${hasTimer ? 'o' : ''}${hasProcess ? 'p' : ''}` as FormatId;
  return { format, sockets, capabilities: { timers: hasTimer, info: false, process: hasProcess, acceptQueueLimit: false, summaryOnly: false } };
}

/** `keepalive (7190.30/0/0)`, `on (0.20/3/0)`, `timewait (59.00/0/0)`, `probe (…)`, `off (0.00/0/0)`. */
function netstatTimer(text: string, line: number): SocketTimer | null {
  const match = /^(off|on|keepalive|timewait|probe)\s*\((\d+(?:\.\d+)?)\/(\d+)\/(\d+)\)$/.exec(text.trim());
  if (!match) throw new DiagnoseError(line, 'a timer such as "keepalive (7190.30/0/0)" (netstat -o)', quoted(text));
  const [, name, seconds, retransmits] = match as unknown as [string, string, string, string];
  if (name === 'off') return null;
  return { name: name === 'probe' ? 'persist' : (name as SocketTimer['name']), expiresMs: Math.round(Number(seconds) * 1000), retransmits: Number(retransmits) };
}
