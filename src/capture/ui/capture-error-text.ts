import type { Translate } from '../../i18n/format';
import { CaptureError } from '../capture-error';

/**
 * A capture error in the page's language: its catalogue message (`capture.<code>`) placed at its byte or line
 * (`capture.at.byte|line`). An error without a code, or with one the catalogue lacks, keeps its English message.
 */
export function captureErrorText(t: Translate, error: unknown): string {
  if (!(error instanceof CaptureError)) return error instanceof Error ? error.message : String(error);
  const key = error.code === null ? '' : `capture.${error.code}`;
  if (!t.has(key)) return error.message;
  const message = t(key, error.params);
  if (error.byteOffset !== null) return t('capture.at.byte', { offset: error.byteOffset, message });
  if (error.line !== null) return t('capture.at.line', { line: error.line, message });
  return message;
}
