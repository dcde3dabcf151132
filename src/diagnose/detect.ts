import { DiagnoseError, quoted } from './diagnose-error';
import { NETSTAT_HEADER, parseNetstat } from './parse-netstat';
import { PROC_HEADER, parseProcNetTcp } from './parse-proc';
import { SS_HEADER, parseSsSummary, parseSsTable } from './parse-ss';
import { TCPSTATES_HEADER, parseTcpstates } from './parse-tcpstates';
import type { ParsedInput } from './types';

/** What a pasted text may start with before the tool's own header: blank lines and the shell prompt that ran it. */
const PROMPT = /^(?:\S+[:@]\S*\s?)?[$#%>]\s+\S/;
const EXPECTED =
  'the first line of ss -tan, ss -s, netstat -ant, /proc/net/tcp or tcpstates output ("State Recv-Q Send-Q …", "Total: …", "Proto Recv-Q …", "sl local_address …" or "SKADDR … OLDSTATE -> NEWSTATE MS")';

/** Splits the text into lines, finds which tool printed it from its header, and parses it. Throws DiagnoseError. */
export function parseInput(text: string): ParsedInput {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let index = 0;
  while (index < lines.length && (lines[index]!.trim() === '' || PROMPT.test(lines[index]!.trim()))) index++;
  const first = lines[index]?.trim() ?? '';
  if (SS_HEADER.test(first)) return parseSsTable(lines, index);
  if (/^Total:\s+\d+/.test(first)) return parseSsSummary(lines, index);
  if (/^Active Internet connections/.test(first)) {
    let next = index + 1;
    while (next < lines.length && lines[next]!.trim() === '') next++;
    if (!NETSTAT_HEADER.test(lines[next]?.trim() ?? '')) {
      throw new DiagnoseError(next + 1, 'netstat\'s column header "Proto Recv-Q Send-Q Local Address Foreign Address State"', quoted(lines[next]));
    }
    return parseNetstat(lines, next);
  }
  if (NETSTAT_HEADER.test(first)) return parseNetstat(lines, index);
  if (PROC_HEADER.test(first)) return parseProcNetTcp(lines, index);
  if (/^Tracing\b/.test(first)) index++;
  if (TCPSTATES_HEADER.test(lines[index]?.trim() ?? '')) return parseTcpstates(lines, index);
  throw new DiagnoseError(Math.min(index, Math.max(lines.length - 1, 0)) + 1, EXPECTED, quoted(lines[index]));
}
