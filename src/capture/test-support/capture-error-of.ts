import { expect } from 'vitest';
import { CaptureError } from '../capture-error';

/** The CaptureError that `run` throws; the test fails if it throws anything else or nothing. */
export function errorOf(run: () => unknown): CaptureError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CaptureError);
    return error as CaptureError;
  }
  throw new Error('expected a CaptureError');
}
