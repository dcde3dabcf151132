import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { DiagnoseError } from './diagnose-error';
import { diagnose } from './diagnose';

/** What the tool promises: a diagnosis, or a DiagnoseError whose one-line message names a line and an expectation. */
function diagnosesOrSaysWhere(text: string): void {
  try {
    const diagnosis = diagnose(text);
    expect(Array.isArray(diagnosis.sockets)).toBe(true);
  } catch (error) {
    if (!(error instanceof DiagnoseError)) throw error;
    expect(error.message).toMatch(/^line \d+: expected \S.*, found .+$/);
    expect(error.message).not.toContain('\n');
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.line).toBeLessThanOrEqual(Math.max(1, text.split(/\r?\n/).length));
  }
}

const RUNS = 300;
const fixture = (path: string) => readFileSync(new URL(`./fixtures/${path}`, import.meta.url), 'utf8');
const HEADERS = [
  'State Recv-Q Send-Q Local Address:Port Peer Address:Port Process',
  'Total: 12',
  'Active Internet connections (servers and established)\nProto Recv-Q Send-Q Local Address           Foreign Address         State',
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  'SKADDR           PID     COMM             IP LADDR                      LPORT RADDR                      RPORT OLDSTATE    -> NEWSTATE    MS',
];
const SAMPLES = ['close-wait/ss-tanoi.txt', 'fin-wait-2/netstat-antp.txt', 'syn-recv/proc-net-tcp.txt', 'close-wait/proc-net-tcp6.txt', 'tcpstates/tcpstates.txt', 'time-wait/ss-s.txt'].map(
  (path) => fixture(path).split('\n').slice(0, 40),
);
const token = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('ESTAB', 'LISTEN', 'TIME_WAIT', '0', '128', '10.0.0.1:80', '[::1]:80', '*:*', 'timer:(on,200ms,1)', 'timer:(x', 'users:((', '0100007F:1F90', '0A', '->', '\t'),
);
const line = fc.array(token, { maxLength: 8 }).map((tokens) => tokens.join(' '));

describe('fuzzing: garbage never escapes as anything but a clear error', () => {
  test('any text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), diagnosesOrSaysWhere), { numRuns: RUNS });
  });

  test('a real header followed by random lines', () => {
    fc.assert(fc.property(fc.constantFrom(...HEADERS), fc.array(line, { maxLength: 12 }), (header, lines) => diagnosesOrSaysWhere([header, ...lines].join('\n'))), { numRuns: RUNS });
  });

  test('real fixtures with lines mutated, dropped or cut', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SAMPLES), fc.nat(), fc.nat(), fc.string({ maxLength: 20 }), fc.constantFrom('replace', 'cut', 'drop', 'insert'), (sample, which, at, junk, how) => {
        const lines = [...sample];
        const index = which % lines.length;
        const target = lines[index] ?? '';
        if (how === 'replace') lines[index] = target.slice(0, at % (target.length + 1)) + junk + target.slice((at % (target.length + 1)) + junk.length);
        else if (how === 'cut') lines[index] = target.slice(0, at % (target.length + 1));
        else if (how === 'drop') lines.splice(index, 1);
        else lines.splice(index, 0, junk);
        diagnosesOrSaysWhere(lines.join(which % 2 ? '\r\n' : '\n'));
      }),
      { numRuns: RUNS },
    );
  });
});
