import { describe, expect, it } from 'vitest';
import { ROW_MIN, rowGap, timeAxis } from './time-axis';

describe('the ladder time axis', () => {
  it('gives events at the same time the same row, and later times lower rows', () => {
    const axis = timeAxis([0, 0, 50, 50, 1050], 10, 20);
    expect(axis.rows.map((row) => row.t)).toEqual([0, 50, 1050]);
    expect(axis.y(0)).toBe(10);
    expect(axis.y(50)).toBeGreaterThanOrEqual(10 + ROW_MIN);
    expect(axis.y(1050)).toBeGreaterThan(axis.y(50));
  });

  it('keeps a 60 s TIME-WAIT on screen: the gap is bounded', () => {
    expect(rowGap(60_000)).toBeLessThanOrEqual(120);
    expect(rowGap(60_000)).toBeGreaterThan(rowGap(1_000));
  });

  it('places a time between two rows between them, and past the last one below it', () => {
    const axis = timeAxis([0, 1000], 0, 0);
    expect(axis.y(500)).toBeGreaterThan(axis.y(0));
    expect(axis.y(500)).toBeLessThan(axis.y(1000));
    expect(axis.y(5000)).toBeGreaterThan(axis.y(1000));
  });
});
