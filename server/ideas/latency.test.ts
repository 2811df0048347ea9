import { describe, expect, it } from "vitest";
import { timePredictions } from "./latency";

describe("latency measurement", () => {
  it("does not count the warm-up (model loading) and divides the timed batch by its size", async () => {
    const calls: number[] = [];
    const predict = async (images: Buffer[]) => {
      calls.push(images.length);
      // Loading the model on the first call is slow; each prediction after that takes ~5 ms.
      await new Promise((r) => setTimeout(r, calls.length === 1 ? 200 : 5 * images.length));
    };
    const ms = await timePredictions(
      predict,
      Array.from({ length: 8 }, () => Buffer.alloc(1)),
    );
    expect(calls).toEqual([1, 8]);
    expect(ms).toBeGreaterThanOrEqual(4);
    expect(ms).toBeLessThan(25);
  });

  it("refuses to time nothing", async () => {
    await expect(timePredictions(async () => undefined, [])).rejects.toThrow(/no images/);
  });
});
