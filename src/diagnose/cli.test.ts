/** `npm run -s diagnose -- FILE|-` (issue 11), run as a reader runs it: spawned through tsx. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

function run(args: string[], input?: string) {
  const result = spawnSync(TSX, [join(ROOT, 'src/cli/diagnose.ts'), ...args], { cwd: ROOT, input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run -s diagnose -- FILE|-', () => {
  test('prints { format, sockets, counts, findings } for a file', () => {
    const { status, stdout, stderr } = run([`${FIXTURES}close-wait/ss-tanp.txt`]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const output = JSON.parse(stdout);
    expect(Object.keys(output).slice(0, 4)).toEqual(['format', 'sockets', 'counts', 'findings']);
    expect(output.format).toBe('ss-tanp');
    expect(output.counts).toEqual({ LISTEN: 2, 'FIN-WAIT-2': 12, 'CLOSE-WAIT': 12 });
    expect(Object.keys(output.sockets[0]).slice(0, 7)).toEqual(['state', 'linuxState', 'local', 'peer', 'timer', 'recvQ', 'sendQ']);
    expect(Object.keys(output.findings[0]).slice(0, 5)).toEqual(['code', 'severity', 'sockets', 'message', 'commands']);
  });

  test('reads stdin with -, and speaks Chinese with --lang=zh-cn', () => {
    const { status, stdout } = run(['--lang=zh-cn', '-'], 'State Recv-Q Send-Q Local Address:Port Peer Address:Port\nCLOSE-WAIT 0 0 10.0.0.1:8080 10.0.0.2:51234\n');
    expect(status).toBe(0);
    expect(JSON.parse(stdout).findings[0].message).toContain('CLOSE-WAIT');
    expect(JSON.parse(stdout).findings[0].message).toContain('应用程序');
  });

  test('bad input: one line naming the line and what was expected, exit status 2', () => {
    const { status, stdout, stderr } = run(['-'], 'State Recv-Q Send-Q Local Address:Port Peer Address:Port\nESTAB zero 0 10.0.0.1:1 10.0.0.2:2\n');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('diagnose: <stdin>: line 2: expected Recv-Q and Send-Q as whole numbers after the state, found "zero 0"\n');
  });

  test('usage faults exit 2 with one line', () => {
    for (const args of [[], ['a', 'b'], ['--lang=fr', '-'], ['--bogus', '-'], [`${FIXTURES}missing.txt`]]) {
      const { status, stderr } = run(args, '');
      expect(status).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^diagnose: /);
    }
  });
});
