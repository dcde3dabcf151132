/**
 * The bench harness: plain Node timing, one thread (so one core), with a warm-up so the JIT has
 * settled before anything is measured. A bench file `bench/<topic>.bench.ts` default-exports a
 * `Bench`; `bench/run.ts` finds every such file and prints their rows as one table, so other parts
 * of the project add a bench by adding a file.
 */
export interface Row {
  /** What was measured, e.g. "reducer alone: endpoint steps per second". */
  measure: string;
  /** The number, formatted for reading. */
  value: string;
  /** How it was measured, in a few words. */
  detail?: string;
}

export interface Bench {
  title: string;
  run(): Promise<Row[]> | Row[];
}

export interface Rate {
  /** Operations per second, from the best of the timed rounds. */
  perSecond: number;
  /** Median of the timed rounds, ops/s. */
  median: number;
}

/**
 * Runs `operation` (which performs `opsPerCall` operations) repeatedly: `warmupMs` untimed, then
 * `rounds` timed rounds of about `roundMs` each.
 */
export function rate(operation: () => void, opsPerCall = 1, { warmupMs = 300, roundMs = 400, rounds = 5 } = {}): Rate {
  const until = performance.now() + warmupMs;
  while (performance.now() < until) operation();
  const rates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    let calls = 0;
    const began = performance.now();
    let elapsed = 0;
    do {
      operation();
      calls++;
      elapsed = performance.now() - began;
    } while (elapsed < roundMs);
    rates.push((calls * opsPerCall * 1000) / elapsed);
  }
  rates.sort((a, b) => a - b);
  return { perSecond: rates.at(-1)!, median: rates[Math.floor(rates.length / 2)]! };
}

/** Times one call of `operation`, in ms. */
export function time<T>(operation: () => T): { result: T; ms: number } {
  const began = performance.now();
  const result = operation();
  return { result, ms: performance.now() - began };
}

export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
