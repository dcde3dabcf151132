import type { RfcState } from './types';

/**
 * Linux's TCP states (include/net/tcp_states.h) and their RFC 9293 names. The kernel numbers are the `st` column of
 * /proc/net/tcp; ss prints the short names (ESTAB, SYN-RECV, UNCONN for TCP_CLOSE), netstat the underscore ones.
 */
interface LinuxState {
  code: number;
  /** ss's spelling, the `linuxState` of a socket. */
  ss: string;
  netstat: string;
  rfc: RfcState;
}

export const LINUX_STATES: readonly LinuxState[] = [
  { code: 0x01, ss: 'ESTAB', netstat: 'ESTABLISHED', rfc: 'ESTABLISHED' },
  { code: 0x02, ss: 'SYN-SENT', netstat: 'SYN_SENT', rfc: 'SYN-SENT' },
  { code: 0x03, ss: 'SYN-RECV', netstat: 'SYN_RECV', rfc: 'SYN-RECEIVED' },
  { code: 0x04, ss: 'FIN-WAIT-1', netstat: 'FIN_WAIT1', rfc: 'FIN-WAIT-1' },
  { code: 0x05, ss: 'FIN-WAIT-2', netstat: 'FIN_WAIT2', rfc: 'FIN-WAIT-2' },
  { code: 0x06, ss: 'TIME-WAIT', netstat: 'TIME_WAIT', rfc: 'TIME-WAIT' },
  { code: 0x07, ss: 'UNCONN', netstat: 'CLOSE', rfc: 'CLOSED' },
  { code: 0x08, ss: 'CLOSE-WAIT', netstat: 'CLOSE_WAIT', rfc: 'CLOSE-WAIT' },
  { code: 0x09, ss: 'LAST-ACK', netstat: 'LAST_ACK', rfc: 'LAST-ACK' },
  { code: 0x0a, ss: 'LISTEN', netstat: 'LISTEN', rfc: 'LISTEN' },
  { code: 0x0b, ss: 'CLOSING', netstat: 'CLOSING', rfc: 'CLOSING' },
  // A request socket (since 4.1): still SYN-RECEIVED as far as the protocol goes. ss and /proc print it as SYN-RECV.
  { code: 0x0c, ss: 'NEW-SYN-RECV', netstat: 'NEW_SYN_RECV', rfc: 'SYN-RECEIVED' },
  // Bound, neither listening nor connected (6.5+, inet_diag only).
  { code: 0x0d, ss: 'BOUND-INACTIVE', netstat: 'BOUND_INACTIVE', rfc: 'CLOSED' },
];

const bySs = new Map<string, LinuxState>(LINUX_STATES.map((state) => [state.ss, state]));
// ss's own spellings of a few (older ss printed CLOSE for TCP_CLOSE; `ss -a` prints SYN-RECV for both).
bySs.set('CLOSE', LINUX_STATES[6]!);
bySs.set('ESTABLISHED', LINUX_STATES[0]!);
const byNetstat = new Map<string, LinuxState>(LINUX_STATES.map((state) => [state.netstat, state]));
const byCode = new Map<number, LinuxState>(LINUX_STATES.map((state) => [state.code, state]));

export function ssState(name: string): LinuxState | undefined {
  return bySs.get(name);
}

export function netstatState(name: string): LinuxState | undefined {
  return byNetstat.get(name);
}

export function procState(code: number): LinuxState | undefined {
  return byCode.get(code);
}

/** The state names ss accepts after `state` in a filter (ss(8)). */
export const SS_FILTER_NAME: Record<RfcState, string> = {
  LISTEN: 'listening',
  'SYN-SENT': 'syn-sent',
  'SYN-RECEIVED': 'syn-recv',
  ESTABLISHED: 'established',
  'FIN-WAIT-1': 'fin-wait-1',
  'FIN-WAIT-2': 'fin-wait-2',
  'CLOSE-WAIT': 'close-wait',
  CLOSING: 'closing',
  'LAST-ACK': 'last-ack',
  'TIME-WAIT': 'time-wait',
  CLOSED: 'closed',
};

export const RFC_STATES: readonly RfcState[] = [
  'LISTEN', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT', 'CLOSED',
];
