/** Epoch ticks at a regular step (1, 2, 5, 10, 20, …) so that at most about eight are shown; the first epoch is always one. */
export function epochTicks(last: number): number[] {
  const step = [1, 2, 5, 10, 20, 50, 100, 200, 500].find((s) => last / s <= 8) ?? Math.ceil(last / 8);
  const ticks: number[] = [];
  for (let e = step; e <= last; e += step) ticks.push(e);
  if (ticks[0] !== 1) ticks.unshift(1);
  return ticks;
}
