/** Virtual time as the islands print it: "1050 ms" up to ten seconds, then "12.05 s". */
export function formatTime(t: number): string {
  return t >= 10_000 ? `${(t / 1000).toFixed(t % 1000 === 0 ? 0 : 2)} s` : `${t} ms`;
}
