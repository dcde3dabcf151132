import { describe, expect, test } from 'vitest';
import { netstatAddress, procAddress, ssAddress } from './address';
import { DiagnoseError } from './diagnose-error';
import { diagnose } from './diagnose';
import { parseInput } from './detect';
import { ssDuration } from './parse-ss';
import { DIAGNOSE_MESSAGES } from './messages';
import { RULES } from './rules';

const SS = 'State Recv-Q Send-Q Local Address:Port Peer Address:Port Process';

function errorOf(text: string): DiagnoseError {
  try {
    parseInput(text);
  } catch (error) {
    if (error instanceof DiagnoseError) return error;
    throw error;
  }
  throw new Error('expected a DiagnoseError');
}

describe('addresses', () => {
  test('ss spelling is kept; netstat and /proc are converted to it', () => {
    expect(ssAddress('[::ffff:10.0.0.1]:443')).toBe('[::ffff:10.0.0.1]:443');
    expect(ssAddress('*:22')).toBe('*:22');
    expect(ssAddress('127.0.0.53%lo:53')).toBe('127.0.0.53%lo:53');
    expect(ssAddress('10.0.0.300:80')).toBeNull();
    expect(ssAddress('::1:80')).toBeNull();
    expect(netstatAddress('::1:8080')).toBe('[::1]:8080');
    expect(netstatAddress(':::*')).toBe('[::]:*');
    expect(procAddress('0100007F:1F90')).toBe('127.0.0.1:8080');
    expect(procAddress('00000000000000000000000001000000:1F90')).toBe('[::1]:8080');
    expect(procAddress('0000000000000000FFFF00000100007F:0050')).toBe('[::ffff:127.0.0.1]:80');
    expect(procAddress('B80D0120000000000000000001000000:01BB')).toBe('[2001:db8::1]:443');
  });
});

describe('ss', () => {
  test('timer durations as ss prints them', () => {
    expect(ssDuration('118min')).toBe(118 * 60_000);
    expect(ssDuration('1min5sec')).toBe(65_000);
    expect(ssDuration('56sec')).toBe(56_000);
    expect(ssDuration('2.820ms')).toBe(2820);
    expect(ssDuration('092ms')).toBe(92);
    expect(ssDuration('soon')).toBeNull();
  });

  test('ss -an with its Netid column keeps the tcp rows; a shell prompt before the header is skipped', () => {
    const text = ['$ ss -an', 'Netid State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process', 'udp   UNCONN 0 0 0.0.0.0:68 0.0.0.0:*', 'tcp   ESTAB  0 0 10.0.0.1:22 10.0.0.2:50000', 'u_str ESTAB 0 0 * 1234 * 1235'].join('\n');
    const parsed = parseInput(text);
    expect(parsed.sockets).toEqual([expect.objectContaining({ state: 'ESTABLISHED', linuxState: 'ESTAB', local: '10.0.0.1:22', line: 4 })]);
  });

  test('every Linux state name maps to its RFC state', () => {
    const names = ['ESTAB', 'SYN-SENT', 'SYN-RECV', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'UNCONN', 'CLOSE-WAIT', 'LAST-ACK', 'LISTEN', 'CLOSING'];
    const text = [SS, ...names.map((name, i) => `${name} 0 0 10.0.0.1:${1000 + i} 10.0.0.2:80`)].join('\n');
    expect(parseInput(text).sockets.map((s) => s.state)).toEqual([
      'ESTABLISHED', 'SYN-SENT', 'SYN-RECEIVED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'CLOSED', 'CLOSE-WAIT', 'LAST-ACK', 'LISTEN', 'CLOSING',
    ]);
  });

  test('the JSON of the issue: format, sockets with state, linuxState, local, peer, timer, recvQ, sendQ; counts; findings', () => {
    const diagnosis = diagnose([SS, 'CLOSE-WAIT 0 0 10.0.0.1:8080 10.0.0.2:51234'].join('\n'));
    expect(diagnosis.format).toBe('ss-tan');
    expect(diagnosis.sockets[0]).toMatchObject({ state: 'CLOSE-WAIT', linuxState: 'CLOSE-WAIT', local: '10.0.0.1:8080', peer: '10.0.0.2:51234', timer: null, recvQ: 0, sendQ: 0 });
    expect(diagnosis.counts).toEqual({ 'CLOSE-WAIT': 1 });
    expect(diagnosis.findings[0]).toMatchObject({ code: 'close-wait-leak', severity: 'medium', sockets: 1 });
    expect(typeof diagnosis.findings[0]!.message).toBe('string');
    expect(diagnosis.findings[0]!.commands).toHaveLength(3);
  });
});

describe('netstat -o and bcc tcpstates', () => {
  test('netstat -anto timers', () => {
    const text = [
      'Active Internet connections (servers and established)',
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State       Timer',
      'tcp        0      0 10.0.0.1:22             10.0.0.2:50000          ESTABLISHED keepalive (7190.30/0/0)',
      'tcp        0   1000 10.0.0.1:40000          10.0.0.3:443            ESTABLISHED on (0.20/3/0)',
      'tcp        0      0 10.0.0.1:40002          10.0.0.3:443            TIME_WAIT   timewait (59.00/0/0)',
    ].join('\n');
    const diagnosis = diagnose(text);
    expect(diagnosis.format).toBe('netstat-anto');
    expect(diagnosis.sockets.map((s) => s.timer?.name)).toEqual(['keepalive', 'on', 'timewait']);
    expect(diagnosis.findings.map((f) => f.code)).toEqual(['retransmitting']);
  });

  test('bcc tcpstates (C-PID, C-COMM, -T time column)', () => {
    const text = [
      'TIME(s)   SKADDR           C-PID C-COMM     LADDR           LPORT RADDR           RPORT OLDSTATE    -> NEWSTATE    MS',
      '0.000000  ffff9fd7e8192000 22384 curl       100.66.100.185  0     52.33.159.26    80    CLOSE       -> SYN_SENT    0.000',
      '0.001     ffff9fd7e8192000 0     swapper/5  100.66.100.185  63446 52.33.159.26    80    SYN_SENT    -> ESTABLISHED 1.373',
      '0.002     ffff9fd7e8192000 22384 curl       100.66.100.185  63446 52.33.159.26    80    ESTABLISHED -> CLOSE_WAIT  1500.000',
    ].join('\n');
    const diagnosis = diagnose(text);
    expect(diagnosis.format).toBe('tcpstates');
    expect(diagnosis.counts).toEqual({ 'CLOSE-WAIT': 1 });
  });
});

describe('bad input: one line naming the line and what was expected', () => {
  test.each([
    ['', 'line 1: expected the first line of ss -tan'],
    ['hello world', 'line 1: expected the first line of ss -tan'],
    [`${SS}\nESTABX 0 0 10.0.0.1:1 10.0.0.2:2`, 'line 2: expected a state such as ESTAB, LISTEN or TIME-WAIT at the start of the line, found "ESTABX"'],
    [`${SS}\nESTAB 0 x 10.0.0.1:1 10.0.0.2:2`, 'line 2: expected Recv-Q and Send-Q as whole numbers'],
    [`${SS}\nESTAB 0 0 localhost:ssh 10.0.0.2:2`, 'line 2: expected a local address such as 10.0.0.1:8080 or [::1]:8080 (ss -n), found "localhost:ssh"'],
    [`${SS}\n\tcubic rto:204`, 'line 2: expected a socket line'],
    ['  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n   0: 0100007F:1F90 00000000:0000 0F 00000000:00000000 00:00000000 00000000     0        0 1', 'line 2: expected a hex state code from 01 to 0C'],
    ['Active Internet connections (servers and established)\nfoo', 'line 2: expected netstat\'s column header'],
    ['Total: 3\nTCP: many', 'line 2: expected the TCP line of ss -s'],
  ])('%j', (text, message) => {
    const error = errorOf(text);
    expect(error.message).toContain(message);
    expect(error.message).not.toContain('\n');
  });
});

describe('messages and rules', () => {
  test('English and Chinese have the same keys and the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(DIAGNOSE_MESSAGES['zh-cn']).sort()).toEqual(Object.keys(DIAGNOSE_MESSAGES.en).sort());
    for (const [key, text] of Object.entries(DIAGNOSE_MESSAGES.en)) {
      expect(placeholders(DIAGNOSE_MESSAGES['zh-cn'][key as keyof typeof DIAGNOSE_MESSAGES.en]), key).toEqual(placeholders(text));
    }
  });

  test('every rule is written down and its finding has a sentence in both languages', () => {
    for (const rule of RULES) {
      expect(rule.rule.length).toBeGreaterThan(40);
      expect(Object.keys(DIAGNOSE_MESSAGES.en).some((key) => key.startsWith(`finding.${rule.code}.`))).toBe(true);
    }
  });
});
