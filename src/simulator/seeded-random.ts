/**
 * mulberry32: a tiny seeded PRNG, so that a scenario with `lossRate` loses the same
 * segments on every run, in Node and in the browser alike. The whole generator state
 * is one 32-bit number, which keeps simulations cheap to copy.
 */
export function nextRandom(state: number): { value: number; state: number } {
  const next = (state + 0x6d2b79f5) | 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { value: ((t ^ (t >>> 14)) >>> 0) / 4294967296, state: next };
}
