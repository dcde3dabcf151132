import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { diagnose } from './diagnose';
import { RULES } from './rules';
import type { FindingCode, FormatId, RfcState } from './types';

/**
 * The real fixtures (recorded by scripts/diagnose/record-fixtures.py on Linux 6.18, see fixtures/RECORDED.md): for
 * every scenario and every format captured against the same sockets, the detected format, the counts per RFC
 * state and the findings. Where a format cannot show a pathology (no timers, no backlog), the expectation says so
 * by leaving the finding out; `notJudged` is tested separately.
 */
interface Expected {
  format: FormatId;
  counts: Partial<Record<RfcState, number>>;
  findings: FindingCode[];
}

const EXPECTED: Record<string, Record<string, Expected>> = {
  'close-wait': {
    'ss-tan': { format: 'ss-tan', counts: { LISTEN: 2, 'FIN-WAIT-2': 12, 'CLOSE-WAIT': 12 }, findings: ['close-wait-leak', 'fin-wait-2-orphans'] },
    'ss-tanp': { format: 'ss-tanp', counts: { LISTEN: 2, 'FIN-WAIT-2': 12, 'CLOSE-WAIT': 12 }, findings: ['close-wait-leak'] },
    'ss-tanoi': { format: 'ss-tani', counts: { LISTEN: 2, 'FIN-WAIT-2': 12, 'CLOSE-WAIT': 12 }, findings: ['close-wait-leak'] },
    'ss-lnt': { format: 'ss-lnt', counts: { LISTEN: 2 }, findings: [] },
    'ss-s': { format: 'ss-s', counts: { ESTABLISHED: 12, 'TIME-WAIT': 0 }, findings: [] },
    'netstat-ant': { format: 'netstat-ant', counts: { LISTEN: 2, 'FIN-WAIT-2': 12, 'CLOSE-WAIT': 12 }, findings: ['close-wait-leak', 'fin-wait-2-orphans'] },
    'netstat-antp': { format: 'netstat-antp', counts: { LISTEN: 2, 'FIN-WAIT-2': 12, 'CLOSE-WAIT': 12 }, findings: ['close-wait-leak'] },
    'proc-net-tcp': { format: 'proc-net-tcp', counts: { LISTEN: 1, 'FIN-WAIT-2': 8, 'CLOSE-WAIT': 8 }, findings: ['close-wait-leak'] },
    'proc-net-tcp6': { format: 'proc-net-tcp6', counts: { LISTEN: 1, 'FIN-WAIT-2': 4, 'CLOSE-WAIT': 4 }, findings: ['close-wait-leak'] },
  },
  'time-wait': {
    'ss-tan': { format: 'ss-tan', counts: { LISTEN: 1, 'TIME-WAIT': 1500 }, findings: ['time-wait-many'] },
    'ss-tanp': { format: 'ss-tanp', counts: { LISTEN: 1, 'TIME-WAIT': 1500 }, findings: ['time-wait-many'] },
    'ss-tanoi': { format: 'ss-tano', counts: { LISTEN: 1, 'TIME-WAIT': 1500 }, findings: ['time-wait-many'] },
    'ss-lnt': { format: 'ss-lnt', counts: { LISTEN: 1 }, findings: [] },
    'ss-s': { format: 'ss-s', counts: { ESTABLISHED: 0, 'TIME-WAIT': 1500 }, findings: ['time-wait-many'] },
    'netstat-ant': { format: 'netstat-ant', counts: { LISTEN: 1, 'TIME-WAIT': 1500 }, findings: ['time-wait-many'] },
    'netstat-antp': { format: 'netstat-antp', counts: { LISTEN: 1, 'TIME-WAIT': 1500 }, findings: ['time-wait-many'] },
    'proc-net-tcp': { format: 'proc-net-tcp', counts: { LISTEN: 1, 'TIME-WAIT': 1500 }, findings: ['time-wait-many'] },
    'proc-net-tcp6': { format: 'proc-net-tcp6', counts: {  }, findings: [] },
  },
  'accept-queue': {
    'ss-tan': { format: 'ss-tan', counts: { LISTEN: 1, 'SYN-SENT': 7, ESTABLISHED: 10 }, findings: ['syn-sent-unanswered', 'accept-queue-overflow'] },
    'ss-tanp': { format: 'ss-tanp', counts: { LISTEN: 1, 'SYN-SENT': 7, ESTABLISHED: 10 }, findings: ['syn-sent-unanswered', 'accept-queue-overflow'] },
    'ss-tanoi': { format: 'ss-tanoi', counts: { LISTEN: 1, 'SYN-SENT': 7, ESTABLISHED: 10 }, findings: ['syn-sent-unanswered', 'accept-queue-overflow'] },
    'ss-lnt': { format: 'ss-lnt', counts: { LISTEN: 1 }, findings: ['accept-queue-overflow'] },
    'ss-s': { format: 'ss-s', counts: { ESTABLISHED: 10, 'TIME-WAIT': 0 }, findings: [] },
    'netstat-ant': { format: 'netstat-ant', counts: { LISTEN: 1, 'SYN-SENT': 7, ESTABLISHED: 10 }, findings: ['syn-sent-unanswered'] },
    'netstat-antp': { format: 'netstat-antp', counts: { LISTEN: 1, 'SYN-SENT': 7, ESTABLISHED: 10 }, findings: ['syn-sent-unanswered'] },
    'proc-net-tcp': { format: 'proc-net-tcp', counts: { LISTEN: 1, 'SYN-SENT': 7, ESTABLISHED: 10 }, findings: ['syn-sent-unanswered'] },
    'proc-net-tcp6': { format: 'proc-net-tcp6', counts: {  }, findings: [] },
  },
  'syn-recv': {
    'ss-tan': { format: 'ss-tan', counts: { LISTEN: 1, 'SYN-RECEIVED': 40, ESTABLISHED: 40 }, findings: ['syn-recv-flood'] },
    'ss-tanp': { format: 'ss-tanp', counts: { LISTEN: 1, 'SYN-RECEIVED': 40, ESTABLISHED: 40 }, findings: ['syn-recv-flood'] },
    'ss-tanoi': { format: 'ss-tanoi', counts: { LISTEN: 1, 'SYN-RECEIVED': 40, ESTABLISHED: 40 }, findings: ['syn-recv-flood'] },
    'ss-lnt': { format: 'ss-lnt', counts: { LISTEN: 1 }, findings: [] },
    'ss-s': { format: 'ss-s', counts: { ESTABLISHED: 40, 'TIME-WAIT': 0 }, findings: [] },
    'netstat-ant': { format: 'netstat-ant', counts: { LISTEN: 1, 'SYN-RECEIVED': 40, ESTABLISHED: 40 }, findings: ['syn-recv-flood'] },
    'netstat-antp': { format: 'netstat-antp', counts: { LISTEN: 1, 'SYN-RECEIVED': 40, ESTABLISHED: 40 }, findings: ['syn-recv-flood'] },
    'proc-net-tcp': { format: 'proc-net-tcp', counts: { LISTEN: 1, 'SYN-RECEIVED': 40, ESTABLISHED: 40 }, findings: ['syn-recv-flood'] },
    'proc-net-tcp6': { format: 'proc-net-tcp6', counts: {  }, findings: [] },
  },
  'zero-window': {
    'ss-tan': { format: 'ss-tan', counts: { LISTEN: 1, ESTABLISHED: 6 }, findings: [] },
    'ss-tanp': { format: 'ss-tanp', counts: { LISTEN: 1, ESTABLISHED: 6 }, findings: [] },
    'ss-tanoi': { format: 'ss-tanoi', counts: { LISTEN: 1, ESTABLISHED: 6 }, findings: ['zero-window'] },
    'ss-lnt': { format: 'ss-lnt', counts: { LISTEN: 1 }, findings: [] },
    'ss-s': { format: 'ss-s', counts: { ESTABLISHED: 6, 'TIME-WAIT': 0 }, findings: [] },
    'netstat-ant': { format: 'netstat-ant', counts: { LISTEN: 1, ESTABLISHED: 6 }, findings: [] },
    'netstat-antp': { format: 'netstat-antp', counts: { LISTEN: 1, ESTABLISHED: 6 }, findings: [] },
    'proc-net-tcp': { format: 'proc-net-tcp', counts: { LISTEN: 1, ESTABLISHED: 6 }, findings: ['zero-window'] },
    'proc-net-tcp6': { format: 'proc-net-tcp6', counts: {  }, findings: [] },
  },
  'syn-sent': {
    'ss-tan': { format: 'ss-tan', counts: { LISTEN: 1, 'SYN-SENT': 6 }, findings: ['syn-sent-unanswered'] },
    'ss-tanp': { format: 'ss-tanp', counts: { LISTEN: 1, 'SYN-SENT': 6 }, findings: ['syn-sent-unanswered'] },
    'ss-tanoi': { format: 'ss-tanoi', counts: { LISTEN: 1, 'SYN-SENT': 6 }, findings: ['syn-sent-unanswered'] },
    'ss-lnt': { format: 'ss-lnt', counts: { LISTEN: 1 }, findings: [] },
    'ss-s': { format: 'ss-s', counts: { ESTABLISHED: 0, 'TIME-WAIT': 0 }, findings: [] },
    'netstat-ant': { format: 'netstat-ant', counts: { LISTEN: 1, 'SYN-SENT': 6 }, findings: ['syn-sent-unanswered'] },
    'netstat-antp': { format: 'netstat-antp', counts: { LISTEN: 1, 'SYN-SENT': 6 }, findings: ['syn-sent-unanswered'] },
    'proc-net-tcp': { format: 'proc-net-tcp', counts: { LISTEN: 1, 'SYN-SENT': 6 }, findings: ['syn-sent-unanswered'] },
    'proc-net-tcp6': { format: 'proc-net-tcp6', counts: {  }, findings: [] },
  },
  'fin-wait-2': {
    'ss-tan': { format: 'ss-tan', counts: { LISTEN: 1, 'FIN-WAIT-2': 12, 'LAST-ACK': 12 }, findings: ['fin-wait-2-orphans', 'last-ack-stuck'] },
    'ss-tanp': { format: 'ss-tanp', counts: { LISTEN: 1, 'FIN-WAIT-2': 12, 'LAST-ACK': 12 }, findings: ['fin-wait-2-orphans', 'last-ack-stuck'] },
    'ss-tanoi': { format: 'ss-tanoi', counts: { LISTEN: 1, 'FIN-WAIT-2': 12, 'LAST-ACK': 12 }, findings: ['fin-wait-2-orphans', 'last-ack-stuck'] },
    'ss-lnt': { format: 'ss-lnt', counts: { LISTEN: 1 }, findings: [] },
    'ss-s': { format: 'ss-s', counts: { ESTABLISHED: 0, 'TIME-WAIT': 12 }, findings: [] },
    'netstat-ant': { format: 'netstat-ant', counts: { LISTEN: 1, 'FIN-WAIT-2': 12, 'LAST-ACK': 12 }, findings: ['fin-wait-2-orphans', 'last-ack-stuck'] },
    'netstat-antp': { format: 'netstat-antp', counts: { LISTEN: 1, 'FIN-WAIT-2': 12, 'LAST-ACK': 12 }, findings: ['fin-wait-2-orphans', 'last-ack-stuck'] },
    'proc-net-tcp': { format: 'proc-net-tcp', counts: { LISTEN: 1, 'FIN-WAIT-2': 12, 'LAST-ACK': 12 }, findings: ['fin-wait-2-orphans', 'last-ack-stuck'] },
    'proc-net-tcp6': { format: 'proc-net-tcp6', counts: {  }, findings: [] },
  },
  'retransmit': {
    'ss-tan': { format: 'ss-tan', counts: { LISTEN: 1, ESTABLISHED: 8 }, findings: [] },
    'ss-tanp': { format: 'ss-tanp', counts: { LISTEN: 1, ESTABLISHED: 8 }, findings: [] },
    'ss-tanoi': { format: 'ss-tanoi', counts: { LISTEN: 1, ESTABLISHED: 8 }, findings: ['retransmitting'] },
    'ss-lnt': { format: 'ss-lnt', counts: { LISTEN: 1 }, findings: [] },
    'ss-s': { format: 'ss-s', counts: { ESTABLISHED: 8, 'TIME-WAIT': 0 }, findings: [] },
    'netstat-ant': { format: 'netstat-ant', counts: { LISTEN: 1, ESTABLISHED: 8 }, findings: [] },
    'netstat-antp': { format: 'netstat-antp', counts: { LISTEN: 1, ESTABLISHED: 8 }, findings: [] },
    'proc-net-tcp': { format: 'proc-net-tcp', counts: { LISTEN: 1, ESTABLISHED: 8 }, findings: ['retransmitting'] },
    'proc-net-tcp6': { format: 'proc-net-tcp6', counts: {  }, findings: [] },
  },
  'keepalive': {
    'ss-tan': { format: 'ss-tan', counts: { LISTEN: 1, ESTABLISHED: 12 }, findings: [] },
    'ss-tanp': { format: 'ss-tanp', counts: { LISTEN: 1, ESTABLISHED: 12 }, findings: [] },
    'ss-tanoi': { format: 'ss-tanoi', counts: { LISTEN: 1, ESTABLISHED: 12 }, findings: ['keepalive-missing'] },
    'ss-lnt': { format: 'ss-lnt', counts: { LISTEN: 1 }, findings: [] },
    'ss-s': { format: 'ss-s', counts: { ESTABLISHED: 12, 'TIME-WAIT': 0 }, findings: [] },
    'netstat-ant': { format: 'netstat-ant', counts: { LISTEN: 1, ESTABLISHED: 12 }, findings: [] },
    'netstat-antp': { format: 'netstat-antp', counts: { LISTEN: 1, ESTABLISHED: 12 }, findings: [] },
    'proc-net-tcp': { format: 'proc-net-tcp', counts: { LISTEN: 1, ESTABLISHED: 12 }, findings: [] },
    'proc-net-tcp6': { format: 'proc-net-tcp6', counts: {  }, findings: [] },
  },
  'healthy': {
    'ss-tan': { format: 'ss-tan', counts: { LISTEN: 2, ESTABLISHED: 8 }, findings: [] },
    'ss-tanp': { format: 'ss-tanp', counts: { LISTEN: 2, ESTABLISHED: 8 }, findings: [] },
    'ss-tanoi': { format: 'ss-tanoi', counts: { LISTEN: 2, ESTABLISHED: 8 }, findings: [] },
    'ss-lnt': { format: 'ss-lnt', counts: { LISTEN: 2 }, findings: [] },
    'ss-s': { format: 'ss-s', counts: { ESTABLISHED: 8, 'TIME-WAIT': 0 }, findings: [] },
    'netstat-ant': { format: 'netstat-ant', counts: { LISTEN: 2, ESTABLISHED: 8 }, findings: [] },
    'netstat-antp': { format: 'netstat-antp', counts: { LISTEN: 2, ESTABLISHED: 8 }, findings: [] },
    'proc-net-tcp': { format: 'proc-net-tcp', counts: { LISTEN: 1, ESTABLISHED: 6 }, findings: [] },
    'proc-net-tcp6': { format: 'proc-net-tcp6', counts: { LISTEN: 1, ESTABLISHED: 2 }, findings: [] },
  },
};

const fixture = (scenario: string, format: string) => readFileSync(new URL(`./fixtures/${scenario}/${format}.txt`, import.meta.url), 'utf8');

describe('real fixtures: format, counts and findings', () => {
  for (const [scenario, formats] of Object.entries(EXPECTED)) {
    for (const [file, expected] of Object.entries(formats)) {
      test(`${scenario}/${file}.txt`, () => {
        const diagnosis = diagnose(fixture(scenario, file));
        expect(diagnosis.format).toBe(expected.format);
        expect(diagnosis.counts).toEqual(expected.counts);
        expect(diagnosis.findings.map((finding) => finding.code)).toEqual(expected.findings);
        const total = Object.values(diagnosis.counts).reduce((sum, count) => sum + count, 0);
        if (expected.format !== 'ss-s') expect(diagnosis.sockets).toHaveLength(total);
      });
    }
  }
});

describe('every finding code has a real fixture that triggers it and one that does not', () => {
  const all = Object.entries(EXPECTED).flatMap(([scenario, formats]) => Object.entries(formats).map(([file, expected]) => ({ name: `${scenario}/${file}`, expected })));
  for (const rule of RULES) {
    test(rule.code, () => {
      const triggering = all.filter(({ expected }) => expected.findings.includes(rule.code));
      const quiet = all.filter(({ expected }) => !expected.findings.includes(rule.code) && !['ss-s', 'ss-lnt'].includes(expected.format));
      expect(triggering.length).toBeGreaterThan(0);
      expect(quiet.length).toBeGreaterThan(0);
      // The same format, without the pathology: the rule is silent on the healthy host.
      for (const { name } of triggering) {
        const file = name.split('/')[1]!;
        expect(EXPECTED.healthy![file]!.findings).not.toContain(rule.code);
      }
    });
  }
});

describe('details read from the fixtures', () => {
  test('a listener in ss is its accept queue (Recv-Q) against its backlog (Send-Q)', () => {
    const diagnosis = diagnose(fixture('accept-queue', 'ss-lnt'));
    const finding = diagnosis.findings.find((f) => f.code === 'accept-queue-overflow')!;
    expect(diagnosis.sockets[0]).toMatchObject({ state: 'LISTEN', local: '127.0.0.1:8082', recvQ: 5, sendQ: 4 });
    expect(finding).toMatchObject({ severity: 'high', sockets: 1, ports: [8082] });
    expect(finding.message).toContain('5 connections waiting in its accept queue, at its backlog of 4');
  });

  test('/proc/net/tcp and netstat give no backlog: accept-queue-overflow is not judged there', () => {
    expect(diagnose(fixture('accept-queue', 'proc-net-tcp')).notJudged).toContain('accept-queue-overflow');
    expect(diagnose(fixture('accept-queue', 'netstat-ant')).notJudged).toContain('accept-queue-overflow');
    expect(diagnose(fixture('accept-queue', 'ss-tan')).notJudged).not.toContain('accept-queue-overflow');
  });

  test('ss -o timers: persist, on with its count, timewait; ss -i retrans and idle times', () => {
    const zero = diagnose(fixture('zero-window', 'ss-tanoi'));
    expect(zero.sockets.filter((s) => s.timer?.name === 'persist')).toHaveLength(3);
    const syn = diagnose(fixture('syn-sent', 'ss-tanoi')).sockets.find((s) => s.state === 'SYN-SENT')!;
    expect(syn.timer).toMatchObject({ name: 'on', expiresMs: 488, retransmits: 3 });
    expect(syn.info).toMatchObject({ retrans: 1, retransTotal: 3, rtoMs: 1000, unacked: 1 });
    const orphan = diagnose(fixture('fin-wait-2', 'ss-tanoi')).sockets.find((s) => s.state === 'FIN-WAIT-2')!;
    expect(orphan.timer?.name).toBe('timewait');
    expect(orphan.info).toBeUndefined();
    const idle = diagnose(fixture('keepalive', 'ss-tanoi')).sockets.filter((s) => s.state === 'ESTABLISHED' && s.timer === null);
    expect(idle.every((s) => (s.info?.lastSendMs ?? 0) >= 60_000)).toBe(true);
  });

  test('/proc/net/tcp: hex addresses and states, timers from tr, the orphaned FIN-WAIT-2 as a timewait socket (05, tr 3)', () => {
    const proc = diagnose(fixture('fin-wait-2', 'proc-net-tcp'));
    expect(proc.sockets[0]).toMatchObject({ state: 'LISTEN', linuxState: 'LISTEN', local: '127.0.0.1:8086', peer: '0.0.0.0:*' });
    const orphans = proc.sockets.filter((s) => s.state === 'FIN-WAIT-2');
    expect(orphans.every((s) => s.timer?.name === 'timewait')).toBe(true);
    const six = diagnose(fixture('close-wait', 'proc-net-tcp6'));
    expect(six.sockets[0]!.local).toBe('[::1]:8080');
  });

  test('IPv6 in ss and netstat is written the same way', () => {
    const ss = diagnose(fixture('healthy', 'ss-tan')).sockets.filter((s) => s.local.startsWith('['));
    const netstat = diagnose(fixture('healthy', 'netstat-ant')).sockets.filter((s) => s.local.startsWith('['));
    expect(ss.map((s) => s.local).sort()).toEqual(netstat.map((s) => s.local).sort());
    expect(ss.map((s) => s.local)).toContain('[::1]:8089');
  });

  test('ss -p and netstat -p name the process; orphans have none', () => {
    const ss = diagnose(fixture('close-wait', 'ss-tanp')).sockets;
    expect(ss.every((s) => typeof s.process === 'string' && s.process.startsWith('python3,pid='))).toBe(true);
    const tw = diagnose(fixture('time-wait', 'netstat-antp')).sockets.filter((s) => s.state === 'TIME-WAIT');
    expect(tw.every((s) => s.process === null)).toBe(true);
  });

  test('time-wait-many on the client: ephemeral local ports towards one server port', () => {
    const finding = diagnose(fixture('time-wait', 'ss-tan')).findings[0]!;
    expect(finding).toMatchObject({ code: 'time-wait-many', severity: 'medium', sockets: 1500, ports: [8081] });
    expect(finding.message).toContain('this host closes first as a client, and 1500 of its 28232 ephemeral ports are waiting towards 127.0.0.1:8081');
    expect(finding.message).toContain('tcp_tw_recycle was removed in Linux 4.12');
    expect(finding.next).toEqual({
      ss: "ss -tnop state time-wait '( dport = :8081 )'",
      tcpdump: "tcpdump -i any -nn 'tcp port 8081 and tcp[tcpflags] & (tcp-syn|tcp-fin|tcp-rst) != 0'",
      wireshark: 'tcp.port == 8081 && (tcp.flags.syn == 1 || tcp.flags.fin == 1 || tcp.flags.reset == 1)',
    });
    // Half the ephemeral range towards one server: new connect()s to it are about to fail.
    const rows = Array.from({ length: 1000 }, (_, i) => `TIME-WAIT 0 0 10.0.0.1:${40000 + i} 10.0.0.2:443`);
    const crowded = diagnose(['State Recv-Q Send-Q Local Address:Port Peer Address:Port', ...rows].join('\n'), { portRange: [40000, 41500] });
    expect(crowded.findings[0]).toMatchObject({ code: 'time-wait-many', severity: 'high', ports: [443] });
    expect(diagnose(['State Recv-Q Send-Q Local Address:Port Peer Address:Port', ...rows].join('\n')).findings[0]!.severity).toBe('medium');
  });

  test('a CLOSE-WAIT finding names the server port, links the article and a playground step, and speaks Chinese', () => {
    const [finding] = diagnose(fixture('close-wait', 'ss-tan'), { locale: 'zh-cn' }).findings;
    expect(finding).toMatchObject({ code: 'close-wait-leak', severity: 'high', sockets: 12, ports: [8080] });
    expect(finding!.message).toMatch(/^12 个套接字处于 CLOSE-WAIT（端口 8080）/);
    expect(finding!.article).toBe('reading-server-sockets/#close-wait-leak');
    expect(finding!.playground).toBe('playground/?scenario=half-close&step=8');
    expect(finding!.commands[0]).toBe("ss -tnop state close-wait '( sport = :8080 )'");
  });

  test('ss -s: totals only, TIME-WAIT judged from them, the rest not judged', () => {
    const diagnosis = diagnose(fixture('time-wait', 'ss-s'));
    expect(diagnosis.summary).toEqual({ total: 1542, estab: 0, closed: 1541, orphaned: 20, timewait: 1500, ipv4: 1, ipv6: 0 });
    expect(diagnosis.sockets).toEqual([]);
    expect(diagnosis.findings.map((f) => [f.code, f.sockets])).toEqual([['time-wait-many', 1500]]);
    expect(diagnosis.notJudged).toHaveLength(RULES.length - 1);
  });
});

describe('tcpstates (libbpf-tools, recorded during the same run)', () => {
  const trace = readFileSync(new URL('./fixtures/tcpstates/tcpstates.txt', import.meta.url), 'utf8');
  test('sockets still open at the end, and those that stayed a second or more in a state before leaving it', () => {
    const diagnosis = diagnose(trace);
    expect(diagnosis.format).toBe('tcpstates');
    expect(diagnosis.counts).toEqual({ 'SYN-SENT': 13, 'FIN-WAIT-1': 4, 'LAST-ACK': 16 });
    expect(diagnosis.findings.map((f) => f.code)).toEqual(['syn-sent-unanswered']);
    expect(diagnosis.findings[0]!.ports).toEqual([8082, 8085]);
    const stuck = diagnosis.sockets.filter((s) => s.dwellMs !== undefined);
    expect(stuck.every((s) => s.state === 'SYN-SENT' && s.dwellMs! >= 1000)).toBe(true);
  });
});
