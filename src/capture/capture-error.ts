/**
 * The one error the capture parsers and the replay throw. Its message always says
 * where the fault is ("byte 24: …", "line 7: …") so a reader can find it in the file.
 * The message is English (CLI, tests); `code` and `params` name the same fault for the replay page, which
 * says it in the reader's language (catalogue key `capture.<code>`, placed with `capture.at.byte|line`).
 */
export class CaptureError extends Error {
  /** Byte offset into a binary capture, when the fault is in one. */
  readonly byteOffset: number | null;
  /** 1-based line number in a text capture, when the fault is in one. */
  readonly line: number | null;
  /** The fault's catalogue code (`capture.<code>`), or null for one that has none (an internal error). */
  readonly code: string | null;
  readonly params: Record<string, string | number>;

  constructor(
    message: string,
    where: { byteOffset?: number; line?: number } = {},
    localised: { code: string; params?: Record<string, string | number> } | null = null,
  ) {
    const prefix =
      where.byteOffset !== undefined ? `byte ${where.byteOffset}: ` : where.line !== undefined ? `line ${where.line}: ` : '';
    super(prefix + message);
    this.name = 'CaptureError';
    this.byteOffset = where.byteOffset ?? null;
    this.line = where.line ?? null;
    this.code = localised?.code ?? null;
    this.params = localised?.params ?? {};
  }
}
