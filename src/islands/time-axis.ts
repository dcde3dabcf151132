/**
 * The ladder's vertical axis: virtual time squeezed so that a 50 ms hop and a 60 s TIME-WAIT both fit on a
 * screen. Every distinct event time gets a row; the gap between rows grows with the logarithm of the time
 * between them, bounded, so order is exact and durations are suggested rather than to scale.
 */
export interface TimeAxis {
  /** y of any virtual time, piecewise linear between event times and extrapolated past the last one. */
  y(t: number): number;
  /** The distinct event times with their y, in order. */
  rows: Array<{ t: number; y: number }>;
  height: number;
}

export const ROW_MIN = 40;
const ROW_MAX = 120;
const ROW_PER_DOUBLING = 11;

export function rowGap(dt: number): number {
  if (dt <= 0) return 0;
  return Math.min(ROW_MAX, ROW_MIN + ROW_PER_DOUBLING * Math.log2(1 + dt / 50));
}

export function timeAxis(times: readonly number[], top: number, bottomMargin: number): TimeAxis {
  const distinct = [...new Set(times)].sort((a, b) => a - b);
  if (distinct.length === 0) distinct.push(0);
  const rows: Array<{ t: number; y: number }> = [];
  let rowY = top;
  distinct.forEach((t, index) => {
    if (index > 0) rowY += rowGap(t - distinct[index - 1]!);
    rows.push({ t, y: Math.round(rowY) });
  });
  const last = rows[rows.length - 1]!;
  const y = (t: number): number => {
    if (t <= rows[0]!.t) return rows[0]!.y;
    if (t >= last.t) return Math.round(last.y + rowGap(t - last.t));
    let low = 0;
    let high = rows.length - 1;
    while (high - low > 1) {
      const middle = (low + high) >> 1;
      if (rows[middle]!.t <= t) low = middle;
      else high = middle;
    }
    const a = rows[low]!;
    const b = rows[high]!;
    return Math.round((a.y + ((t - a.t) / (b.t - a.t)) * (b.y - a.y)) * 10) / 10;
  };
  return { y, rows, height: Math.round(last.y + bottomMargin) };
}
