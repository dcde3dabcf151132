import { DiagnoseError, quoted } from './diagnose-error';
import { ssAddress } from './address';
import { ssState } from './states';
import type { Capabilities, FormatId, ParsedInput, Socket, SocketInfo, SocketTimer, SsSummary } from './types';

/**
 * `ss -tan` and its variants: `-p` (users:((…))), `-o` (timer:(…)), `-i` (an indented info line under each socket),
 * `-l` (listeners only: Recv-Q is the accept queue, Send-Q its limit). `ss -an` with its Netid column works too
 * (only tcp rows are kept).
 */
export const SS_HEADER = /^(Netid\s+)?State\s+Recv-Q\s+Send-Q\s+Local\s+Address:Port\s+Peer\s+Address:Port/;

export function parseSsTable(lines: readonly string[], headerIndex: number): ParsedInput {
  const hasNetid = /^Netid\s/.test(lines[headerIndex]!.trim());
  const sockets: Socket[] = [];
  let sawInfo = false;
  let sawTimer = false;
  let sawProcess = false;
  let previous: Socket | null = null;
  for (let index = headerIndex + 1; index < lines.length; index++) {
    const raw = lines[index]!;
    const lineNumber = index + 1;
    if (raw.trim() === '') continue;
    if (/^\s/.test(raw)) {
      // ss -i, -m, -e: details of the socket above.
      if (!previous) throw new DiagnoseError(lineNumber, 'a socket line (ss -i details follow their socket)', quoted(raw));
      const info = parseInfo(raw);
      if (info) {
        previous.info = info;
        sawInfo = true;
      }
      continue;
    }
    let tokens = raw.trim().split(/\s+/);
    if (hasNetid) {
      if (tokens[0] !== 'tcp') {
        previous = null;
        continue;
      }
      tokens = tokens.slice(1);
    }
    const [stateName, recv, send, local, peer, ...rest] = tokens;
    const state = ssState(stateName ?? '');
    if (!state) throw new DiagnoseError(lineNumber, 'a state such as ESTAB, LISTEN or TIME-WAIT at the start of the line', quoted(stateName));
    if (!/^\d+$/.test(recv ?? '') || !/^\d+$/.test(send ?? '')) {
      throw new DiagnoseError(lineNumber, 'Recv-Q and Send-Q as whole numbers after the state', quoted(`${recv ?? ''} ${send ?? ''}`));
    }
    const localAddress = ssAddress(local ?? '');
    if (!localAddress) throw new DiagnoseError(lineNumber, 'a local address such as 10.0.0.1:8080 or [::1]:8080 (ss -n)', quoted(local));
    const peerAddress = ssAddress(peer ?? '');
    if (!peerAddress) throw new DiagnoseError(lineNumber, 'a peer address such as 10.0.0.2:51234 or [::1]:51234 (ss -n)', quoted(peer));
    const extra = rest.join(' ');
    const timer = parseTimer(extra, lineNumber);
    const users = /users:\(\((.*?)\)\)(?:\s|$)/.exec(extra);
    if (timer) sawTimer = true;
    if (users) sawProcess = true;
    const socket: Socket = {
      state: state.rfc,
      linuxState: state.ss,
      local: localAddress,
      peer: peerAddress,
      timer,
      recvQ: Number(recv),
      sendQ: Number(send),
      line: lineNumber,
    };
    if (users) socket.process = users[1]!.replace(/"/g, '');
    sockets.push(socket);
    previous = socket;
  }
  const listenersOnly = sockets.length > 0 && sockets.every((socket) => socket.linuxState === 'LISTEN');
  if (sawProcess) for (const socket of sockets) socket.process ??= null;
  const capabilities: Capabilities = { timers: sawTimer, info: sawInfo, process: sawProcess, acceptQueueLimit: true, summaryOnly: false };
  // -o prints a timer only where one runs: a table with none may still be -o, which is then judged as if it were not.
  const format = (listenersOnly ? `ss-lnt${sawProcess ? 'p' : ''}` : `ss-tan${sawProcess ? 'p' : ''}${sawTimer ? 'o' : ''}${sawInfo ? 'i' : ''}`) as FormatId;
  return { format, sockets, capabilities };
}

/** ss's `timer:(on,2.820ms,4)`: the timer's name, time left and retransmission count. */
function parseTimer(extra: string, line: number): SocketTimer | null {
  const match = /timer:\(([^)]*)\)/.exec(extra);
  if (!match) return null;
  const [name, left, count] = match[1]!.split(',');
  if (name !== 'on' && name !== 'keepalive' && name !== 'timewait' && name !== 'persist') {
    if (name === 'off' || name === 'unknown') return null;
    throw new DiagnoseError(line, 'a timer named on, keepalive, timewait or persist', quoted(match[0]));
  }
  if (!/^\d+$/.test(count ?? '')) throw new DiagnoseError(line, 'a retransmission count as the timer\'s third field', quoted(match[0]));
  return { name, expiresMs: ssDuration(left ?? ''), retransmits: Number(count) };
}

/** ss's durations: `118min`, `1min5sec`, `56sec`, `2.820ms` (2 s 820 ms), `092ms`; null if unreadable. */
export function ssDuration(text: string): number | null {
  const match = /^(?:(\d+)min)?(?:(\d+)sec)?(?:(\d+)\.)?(?:(\d+)ms)?$/.exec(text);
  if (!match || text === '') return null;
  const [, minutes, seconds, secondsWithMs, ms] = match;
  return Number(minutes ?? 0) * 60_000 + Number(seconds ?? secondsWithMs ?? 0) * 1000 + Number(ms ?? 0);
}

function parseInfo(raw: string): SocketInfo | null {
  const number = (key: string) => {
    const match = new RegExp(`(?:^|\\s)${key}:(\\d+(?:\\.\\d+)?)`).exec(raw);
    return match ? Number(match[1]) : null;
  };
  const retrans = /(?:^|\s)retrans:(\d+)\/(\d+)/.exec(raw);
  const info: SocketInfo = {
    retrans: retrans ? Number(retrans[1]) : null,
    retransTotal: retrans ? Number(retrans[2]) : null,
    rtoMs: number('rto'),
    unacked: number('unacked'),
    lastSendMs: number('lastsnd'),
    lastReceiveMs: number('lastrcv'),
    lastAckMs: number('lastack'),
  };
  return Object.values(info).some((value) => value !== null) ? info : null;
}

/** `ss -s`: totals only. */
export function parseSsSummary(lines: readonly string[], headerIndex: number): ParsedInput {
  let tcp: RegExpExecArray | null = null;
  let tcpLine = -1;
  let families: { ipv4: number; ipv6: number } | null = null;
  for (let index = headerIndex; index < lines.length; index++) {
    const line = lines[index]!.trim();
    const match = /^TCP:\s+(\d+)\s+\(estab (\d+), closed (\d+), orphaned (\d+), (?:synrecv \d+, )?timewait (\d+)(?:\/\d+)?\)/.exec(line);
    if (match) {
      tcp = match;
      tcpLine = index;
    }
    const row = /^TCP\s+(\d+)\s+(\d+)\s+(\d+)\s*$/.exec(line);
    if (row) families = { ipv4: Number(row[2]), ipv6: Number(row[3]) };
  }
  if (!tcp) {
    throw new DiagnoseError(Math.min(headerIndex + 2, lines.length), 'the TCP line of ss -s, such as "TCP:   45 (estab 10, closed 5, orphaned 2, timewait 3)"', quoted(lines[headerIndex + 1]));
  }
  void tcpLine;
  const summary: SsSummary = {
    total: Number(tcp[1]),
    estab: Number(tcp[2]),
    closed: Number(tcp[3]),
    orphaned: Number(tcp[4]),
    timewait: Number(tcp[5]),
    ipv4: families?.ipv4 ?? null,
    ipv6: families?.ipv6 ?? null,
  };
  return {
    format: 'ss-s',
    sockets: [],
    summary,
    capabilities: { timers: false, info: false, process: false, acceptQueueLimit: false, summaryOnly: true },
  };
}
