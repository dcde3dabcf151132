/**
 * Input the diagnose tool cannot read. The message is one line that names the line and what was expected:
 * `line 3: expected a state such as ESTAB or TIME-WAIT, found "ESTABLISHEDX"`.
 */
export class DiagnoseError extends Error {
  override readonly name = 'DiagnoseError';

  constructor(
    /** 1-based line of the input. */
    readonly line: number,
    /** What the parser expected there, in English. */
    readonly expected: string,
    /** What it found (shortened). */
    readonly found: string,
  ) {
    super(`line ${line}: expected ${expected}, found ${found}`);
  }
}

/** `"ESTAB 0 0 …"` quoted and shortened for a message, or `nothing`. */
export function quoted(text: string | undefined): string {
  if (text === undefined || text.trim() === '') return 'nothing';
  const trimmed = text.trim();
  return JSON.stringify(trimmed.length > 60 ? `${trimmed.slice(0, 57)}...` : trimmed);
}
