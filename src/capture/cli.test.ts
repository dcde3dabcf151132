/**
 * `npm run -s replay -- FILE` (issue 5), run as a reader runs it: spawned through tsx.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writePcap, tcpFrame } from './test-support/capture-writer';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

function replay(args: string[], input?: string | Buffer) {
  const result = spawnSync(TSX, [join(ROOT, 'src/cli/replay.ts'), ...args], { cwd: ROOT, input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const scratch = mkdtempSync(join(tmpdir(), 'tcp-lab-replay-'));
function file(name: string, content: Uint8Array | string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

describe('npm run -s replay -- FILE', () => {
  it('prints exactly { connections: [{ client, server, states, final, annotations }] } for a pcap', () => {
    const { status, stdout, stderr } = replay([`${FIXTURES}normal-open-close.pcap`]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const output = JSON.parse(stdout);
    expect(Object.keys(output)).toEqual(['connections']);
    expect(Object.keys(output.connections[0])).toEqual(['client', 'server', 'states', 'final', 'annotations']);
    const { client, server } = output.connections[0];
    expect(output.connections[0].final).toEqual({ [client]: 'TIME-WAIT', [server]: 'CLOSED' });
    expect(output.connections[0].states[client][0]).toBe('SYN-SENT');
  });

  it('reads tcpdump text from stdin when FILE is -', () => {
    const text = readFileSync(`${FIXTURES}rst-linger.txt`, 'utf8');
    const { status, stdout } = replay(['-'], text);
    expect(status).toBe(0);
    const [connection] = JSON.parse(stdout).connections;
    expect(Object.values(connection.final)).toEqual(['CLOSED', 'CLOSED']);
    expect(connection.annotations.map((a: { kind: string }) => a.kind)).toEqual(['rst']);
  });

  it.each([
    ['a pcap with a huge length field', () => {
      const pcap = writePcap([{ time: 0, bytes: tcpFrame({ src: '10.0.0.1:1', dst: '10.0.0.2:2', flags: ['SYN'], seq: 1 }) }]);
      new DataView(pcap.buffer).setUint32(32, 0xffffffff, true);
      return file('huge.pcap', pcap);
    }, /^replay: \S+huge\.pcap: byte 32: record length 4294967295 exceeds the file\n$/],
    ['binary garbage', () => file('garbage.bin', Uint8Array.of(0, 1, 2, 3, 4, 5)), /^replay: \S+garbage\.bin: byte 0: not a pcap, pcapng or tcpdump text file \(it starts with 0x00 0x01 0x02 0x03\)\n$/],
    ['text without a TCP line', () => file('notes.txt', 'hello\nworld\n'), /^replay: \S+notes\.txt: line 1: not a tcpdump TCP line\n$/],
    ['a missing file', () => join(scratch, 'nope.pcap'), /^replay: \S+nope\.pcap: cannot read \(no such file\)\n$/],
  ])('reports %s in one line on stderr with exit status 2', (_, make, message) => {
    const { status, stdout, stderr } = replay([make()]);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(status).toBe(2);
  });

  it('shows its usage without a FILE', () => {
    expect(replay([])).toMatchObject({ status: 2, stderr: 'replay: usage: npm run -s replay -- [--full] FILE|-\n' });
  });
});
