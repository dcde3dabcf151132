import { DiagnoseError, quoted } from './diagnose-error';
import { procAddress } from './address';
import { procState } from './states';
import type { ParsedInput, Socket, SocketTimer } from './types';

/**
 * /proc/net/tcp and /proc/net/tcp6 (net/ipv4/tcp_ipv4.c, net/ipv6/tcp_ipv6.c: get_tcp4_sock, get_openreq4,
 * get_timewait4_sock and their v6 twins):
 *
 *   sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode …
 *
 * `st` is the kernel state in hex (01 ESTABLISHED … 0B CLOSING, 0C NEW_SYN_RECV); a request socket is printed
 * as 03, a timewait socket with its substate (06, or 05 for an orphaned FIN-WAIT-2). `tr` names the pending
 * timer: 1 retransmission, 2 keepalive (sk_timer), 3 timewait, 4 zero-window probe; `tm->when` is in clock
 * ticks (USER_HZ, 100 per second). For a listener rx_queue is the accept queue; its limit is not shown.
 */
export const PROC_HEADER = /^sl\s+local_address\s+rem(?:ote)?_address\s+st\s+tx_queue\s+rx_queue\s+tr\s+tm->when\s+retrnsmt/;

const TIMERS: Record<number, SocketTimer['name'] | null> = { 0: null, 1: 'on', 2: 'keepalive', 3: 'timewait', 4: 'persist' };
const USER_HZ = 100;

export function parseProcNetTcp(lines: readonly string[], headerIndex: number): ParsedInput {
  const sockets: Socket[] = [];
  let sawV6 = false;
  let sawV4 = false;
  for (let index = headerIndex + 1; index < lines.length; index++) {
    const raw = lines[index]!;
    const lineNumber = index + 1;
    if (raw.trim() === '') continue;
    const tokens = raw.trim().split(/\s+/);
    const [slot, local, remote, st, queues, timer, retrnsmt] = tokens;
    if (!/^\d+:$/.test(slot ?? '')) throw new DiagnoseError(lineNumber, 'a /proc/net/tcp row starting with its slot number, such as "0:"', quoted(raw));
    const localAddress = procAddress(local ?? '');
    const remoteAddress = procAddress(remote ?? '');
    if (!localAddress || !remoteAddress) {
      throw new DiagnoseError(lineNumber, 'hex addresses such as 0100007F:1F90 in local_address and rem_address', quoted(`${local ?? ''} ${remote ?? ''}`));
    }
    if (localAddress.startsWith('[')) sawV6 = true;
    else sawV4 = true;
    const state = /^[0-9A-Fa-f]{2}$/.test(st ?? '') ? procState(parseInt(st!, 16)) : undefined;
    if (!state) throw new DiagnoseError(lineNumber, 'a hex state code from 01 to 0C in the st column', quoted(st));
    const queueMatch = /^([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8})$/.exec(queues ?? '');
    if (!queueMatch) throw new DiagnoseError(lineNumber, 'tx_queue:rx_queue as two hex numbers, such as 00000000:00000000', quoted(queues));
    const timerMatch = /^([0-9A-Fa-f]{2}):([0-9A-Fa-f]{8})$/.exec(timer ?? '');
    if (!timerMatch || !/^[0-9A-Fa-f]{8}$/.test(retrnsmt ?? '')) {
      throw new DiagnoseError(lineNumber, 'tr:tm->when and retrnsmt as hex numbers, such as 02:000AE241 00000000', quoted(`${timer ?? ''} ${retrnsmt ?? ''}`));
    }
    const timerName = TIMERS[parseInt(timerMatch[1]!, 16)];
    if (timerName === undefined) throw new DiagnoseError(lineNumber, 'a timer code tr from 00 to 04', quoted(timerMatch[1]));
    const ticks = parseInt(timerMatch[2]!, 16);
    sockets.push({
      state: state.rfc,
      linuxState: state.ss,
      local: localAddress,
      peer: remoteAddress,
      timer: timerName ? { name: timerName, expiresMs: (ticks | 0) * (1000 / USER_HZ), retransmits: parseInt(retrnsmt!, 16) } : null,
      recvQ: parseInt(queueMatch[2]!, 16),
      sendQ: state.ss === 'LISTEN' ? null : parseInt(queueMatch[1]!, 16),
      line: lineNumber,
    });
  }
  // The two files' headers differ too: tcp6 says remote_address where tcp says rem_address.
  const format = (sawV6 && !sawV4) || (!sawV4 && /remote_address/.test(lines[headerIndex]!)) ? 'proc-net-tcp6' : 'proc-net-tcp';
  return { format, sockets, capabilities: { timers: true, info: false, process: false, acceptQueueLimit: false, summaryOnly: false } };
}
