/**
 * `npm run -s diagnose -- [--lang=zh-cn] [--port-range=LOW-HIGH] FILE|-`
 *
 * Reads the output of ss, netstat, /proc/net/tcp(6) or tcpstates (the format is detected) and prints the diagnosis
 * as JSON: `{ format, sockets, counts, findings, … }` (src/diagnose/types.ts, a public interface). Input it cannot
 * read is one line on stderr naming the line and what was expected, and exit status 2.
 */
import { readFileSync } from 'node:fs';
import { DiagnoseError } from '../diagnose/diagnose-error';
import { diagnose } from '../diagnose/diagnose';
import { isDiagnoseLocale, type DiagnoseLocale } from '../diagnose/messages';

const USAGE = 'usage: npm run -s diagnose -- [--lang=en|zh-cn] [--port-range=LOW-HIGH] FILE|-';

function fail(message: string, status = 2): never {
  process.stderr.write(`diagnose: ${message}\n`);
  process.exit(status);
}

const args = process.argv.slice(2);
let locale: DiagnoseLocale = 'en';
let portRange: [number, number] | undefined;
const files: string[] = [];
for (const arg of args) {
  const option = /^--([\w-]+)(?:=(.*))?$/.exec(arg);
  if (!option) {
    files.push(arg);
    continue;
  }
  const [, name, value = ''] = option;
  if (name === 'lang') {
    if (!isDiagnoseLocale(value)) fail(`--lang: expected en or zh-cn, found "${value}"; ${USAGE}`);
    locale = value;
  } else if (name === 'port-range') {
    const range = /^(\d{1,5})[-:,\s](\d{1,5})$/.exec(value);
    if (!range || Number(range[1]) > Number(range[2]) || Number(range[2]) > 65535) fail(`--port-range: expected LOW-HIGH such as 32768-60999, found "${value}"`);
    portRange = [Number(range[1]), Number(range[2])];
  } else if (name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  } else {
    fail(`unknown option --${name}; ${USAGE}`);
  }
}
if (files.length !== 1) fail(files.length ? `expected one FILE, got ${files.length}; ${USAGE}` : USAGE);
const file = files[0]!;
const label = file === '-' ? '<stdin>' : file;

let text: string;
try {
  text = readFileSync(file === '-' ? 0 : file, 'utf8');
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  fail(`${label}: cannot read (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message})`);
}

try {
  process.stdout.write(`${JSON.stringify(diagnose(text, { locale, portRange }), null, 2)}\n`);
} catch (error) {
  if (error instanceof DiagnoseError) fail(`${label}: ${error.message}`);
  fail(`${label}: internal error: ${(error as Error)?.message ?? String(error)}`, 1);
}
