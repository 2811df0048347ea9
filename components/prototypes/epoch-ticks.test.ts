import { describe, expect, it } from "vitest";
import { epochTicks } from "./epoch-ticks";

describe("epochTicks", () => {
  it("steps regularly from the first epoch, at most about eight ticks", () => {
    expect(epochTicks(1)).toEqual([1]);
    expect(epochTicks(6)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(epochTicks(12)).toEqual([1, 2, 4, 6, 8, 10, 12]);
    expect(epochTicks(30)).toEqual([1, 5, 10, 15, 20, 25, 30]);
    expect(epochTicks(100)).toEqual([1, 20, 40, 60, 80, 100]);
  });
});
