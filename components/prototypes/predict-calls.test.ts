import { describe, expect, it } from "vitest";
import { packBySize } from "./predict-calls";

describe("packBySize", () => {
  it("keeps everything in one call when it fits", () => {
    expect(packBySize([3, 3, 3], 10)).toEqual([[0, 1, 2]]);
  });

  it("starts a new call when the next item would pass the limit, keeping the order", () => {
    expect(packBySize([6, 3, 2, 9, 1], 10)).toEqual([[0, 1], [2], [3, 4]]);
  });

  it("sends an item larger than the limit alone instead of dropping it", () => {
    expect(packBySize([2, 15, 2], 10)).toEqual([[0], [1], [2]]);
  });

  it("has no call for no items", () => {
    expect(packBySize([], 10)).toEqual([]);
  });
});
