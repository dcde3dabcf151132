import { readFileSync } from 'node:fs';

/**
 * The command line that simulate and replay take, `npm run -s <command> -- [<option>] FILE|-`: one
 * FILE (`-` is stdin), one optional flag, and every fault as one line on stderr, `<command>: <message>`.
 */
export interface FileCommand {
  /** How messages name the input: the file name, or `<stdin>`. */
  label: string;
  /** Whether the optional flag was given. */
  flagged: boolean;
  /** Exits with `status` (2: bad input; 1: our own fault) after one line on stderr. */
  fail(message: string, status?: number): never;
  /**
   * The input as text, or (`'bytes'`) a file's bytes, stdin still being text: what is piped in is
   * `tcpdump -nn` output. A file that cannot be read fails with `<label>: cannot read (…)`.
   */
  read(as: 'text'): string;
  read(as: 'bytes'): Uint8Array | string;
}

export function fileCommand(command: string, flag: string, args: string[]): FileCommand {
  const usage = `usage: npm run -s ${command} -- [${flag}] FILE|-`;
  function fail(message: string, status = 2): never {
    process.stderr.write(`${command}: ${message}\n`);
    process.exit(status);
  }

  const unknownOption = args.find((arg) => arg.startsWith('--') && arg !== flag);
  if (unknownOption) fail(`unknown option ${unknownOption}; ${usage}`);
  const files = args.filter((arg) => !arg.startsWith('--'));
  if (files.length !== 1) fail(files.length ? `expected one FILE, got ${files.length}; ${usage}` : usage);
  const file = files[0]!;
  const label = file === '-' ? '<stdin>' : file;

  function read(as: 'text'): string;
  function read(as: 'bytes'): Uint8Array | string;
  function read(as: 'text' | 'bytes'): string | Uint8Array {
    try {
      if (file === '-') return readFileSync(0, 'utf8');
      return as === 'text' ? readFileSync(file, 'utf8') : new Uint8Array(readFileSync(file));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      fail(`${label}: cannot read (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message})`);
    }
  }

  return { label, flagged: args.includes(flag), fail, read };
}
