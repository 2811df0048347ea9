import { describe, expect, it } from "vitest";
import { stratifiedQuarter } from "./baselines";

describe("stratifiedQuarter", () => {
  // 9 rows of class 0, 5 of class 1, 2 of class 2, interleaved.
  const labels = [0, 1, 0, 2, 0, 1, 0, 0, 1, 2, 0, 0, 1, 0, 1, 0];

  it("holds out a quarter of each class (rounded down) and keeps every other row for fitting, each row once", () => {
    const { inner, fit } = stratifiedQuarter(labels, 3, 7);
    expect([...inner, ...fit].sort((a, b) => a - b)).toEqual(labels.map((_, i) => i));
    const heldOf = (c: number) => inner.filter((i) => labels[i] === c).length;
    expect([heldOf(0), heldOf(1), heldOf(2)]).toEqual([2, 1, 0]);
  });

  it("is reproducible for a seed and differs between seeds", () => {
    expect(stratifiedQuarter(labels, 3, 7)).toEqual(stratifiedQuarter(labels, 3, 7));
    const draws = new Set([1, 2, 3, 4, 5].map((seed) => stratifiedQuarter(labels, 3, seed).inner.join(",")));
    expect(draws.size).toBeGreaterThan(1);
  });
});
