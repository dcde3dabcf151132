/**
 * The one error the capture parsers and the replay throw. Its message always says
 * where the fault is ("byte 24: …", "line 7: …") so a reader can find it in the file.
 */
export class CaptureError extends Error {
  /** Byte offset into a binary capture, when the fault is in one. */
  readonly byteOffset: number | null;
  /** 1-based line number in a text capture, when the fault is in one. */
  readonly line: number | null;

  constructor(message: string, where: { byteOffset?: number; line?: number } = {}) {
    const prefix =
      where.byteOffset !== undefined ? `byte ${where.byteOffset}: ` : where.line !== undefined ? `line ${where.line}: ` : '';
    super(prefix + message);
    this.name = 'CaptureError';
    this.byteOffset = where.byteOffset ?? null;
    this.line = where.line ?? null;
  }
}
