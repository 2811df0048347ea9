import { describe, expect, it } from "vitest";
import { percentile } from "./percentile";

describe("percentile (nearest rank)", () => {
  const tenValues = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it("returns the value at or below which p % of the values lie", () => {
    expect(percentile(tenValues, 50)).toBe(5);
    expect(percentile(tenValues, 90)).toBe(9);
    expect(percentile(tenValues, 91)).toBe(10);
    expect(percentile(tenValues, 100)).toBe(10);
  });

  it("gives the only value of a one-element sample for every p, and NaN for an empty one", () => {
    expect(percentile([42], 1)).toBe(42);
    expect(percentile([42], 99)).toBe(42);
    expect(percentile([], 50)).toBeNaN();
  });
});
