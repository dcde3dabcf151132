/**
 * The two commands of issue 2, run as a reader runs them (spawned through tsx, as `npm run` does).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { machine } from '../machine/definition';
import { loadScenario, SCENARIO_DIR } from './scenario-files';
import { simulate } from './simulate';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function run(script: 'simulate' | 'machine', args: string[] = [], input?: string) {
  const result = spawnSync(TSX, [join(ROOT, `src/cli/${script}.ts`), ...args], { cwd: ROOT, input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const scratch = mkdtempSync(join(tmpdir(), 'tcp-lab-cli-'));
function scenarioFile(name: string, json: unknown): string {
  const file = join(scratch, name);
  writeFileSync(file, typeof json === 'string' ? json : JSON.stringify(json));
  return file;
}

describe('npm run -s simulate -- FILE', () => {
  it('prints the trace of a scenario file as JSON', () => {
    const { status, stdout, stderr } = run('simulate', [`${SCENARIO_DIR}lost-final-ack.json`]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual(simulate(loadScenario('lost-final-ack')));
  });

  it('reads the scenario from stdin when FILE is -, and adds snapshots on request', () => {
    const text = JSON.stringify({ endpoints: { a: {}, b: {} }, steps: [{ at: 0, endpoint: 'a', call: 'connect' }] });
    const { status, stdout } = run('simulate', ['--snapshots', '-'], text);
    expect(status).toBe(0);
    const trace = JSON.parse(stdout);
    expect(trace.final).toEqual({ a: 'CLOSED', b: 'CLOSED' });
    expect(trace.events[0].snapshot.state).toBeDefined();
  });

  const badInputs: Array<[string, string | object, RegExp]> = [
    ['invalid JSON', '{"endpoints": {', /^simulate: .*bad-invalid-json\.json: invalid JSON: .+\n$/],
    ['an unknown field', { endpoints: { c: {}, s: {} }, steps: [], extra: 1 }, /^simulate: .*bad-unknown-field\.json: extra: unknown field \(expected one of .*\)\n$/],
    [
      'an unknown endpoint name',
      { endpoints: { client: {}, server: {} }, steps: [{ at: 0, endpoint: 'sever', call: 'listen' }] },
      /^simulate: .*bad-unknown-endpoint-name\.json: steps\[0\]\.endpoint: unknown endpoint "sever" \(expected "client" or "server"\)\n$/,
    ],
    ['a negative time', { endpoints: { c: {}, s: {} }, steps: [{ at: -3, endpoint: 'c', call: 'listen' }] }, /: steps\[0\]\.at: must not be negative, got -3\n$/],
    ['an unknown call', { endpoints: { c: {}, s: {} }, steps: [{ at: 0, endpoint: 'c', call: 'connet' }] }, /: steps\[0\]\.call: unknown call "connet" \(expected listen, connect, send, close, abort, crash\)\n$/],
  ];
  for (const [what, content, message] of badInputs) {
    it(`rejects ${what} with one line on stderr, exit status 2 and no stack trace`, () => {
      const file = scenarioFile(`bad-${what.replace(/^an? /, '').replaceAll(' ', '-').toLowerCase()}.json`, content);
      const { status, stdout, stderr } = run('simulate', [file]);
      expect(status).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(stderr.split('\n')).toHaveLength(2);
      expect(stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('rejects a missing file and a missing argument the same way', () => {
    const missing = run('simulate', [join(scratch, 'nope.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^simulate: .*nope\.json: cannot read \(no such file\)\n$/);
    const none = run('simulate');
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^simulate: usage: /);
  });
});

describe('npm run -s machine', () => {
  it('prints the machine definition as JSON', () => {
    const { status, stdout } = run('machine');
    expect(status).toBe(0);
    const printed = JSON.parse(stdout);
    expect(printed).toEqual(JSON.parse(JSON.stringify(machine)));
    expect(printed.states).toHaveLength(11);
    expect(printed.transitions[0]).toHaveProperty('rfc');
  });
});
