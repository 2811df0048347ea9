import { describe, expect, it } from "vitest";
import { wilsonInterval } from "@/ml/metrics/interval";
import { manualResult, metricCounts, prototypeResult, type PrototypeTarget } from "./experiment-result";
import type { RunEvidence } from "./run-evidence";

const run = (confusion: number[][], heldOut = confusion.flat().reduce((a, b) => a + b, 0)): RunEvidence => ({
  runId: "r",
  version: 3,
  prototypeId: "p",
  prototypeName: "Scratch finder",
  classes: ["ok", "defect"],
  confusion,
  accuracy: 0,
  macroF1: 0,
  heldOut,
  latencyMs: null,
  device: null,
  finishedAt: null,
});
const recall90: PrototypeTarget = { metric: "recall", targetClass: "defect", threshold: 0.9, minSamples: 50 };

describe("prototype experiment result", () => {
  it("reads recall, precision and accuracy from the confusion matrix (rows = truth)", () => {
    const c = [
      [40, 10],
      [5, 45],
    ];
    expect(metricCounts(c, ["ok", "defect"], recall90)).toEqual({ successes: 45, n: 50 });
    expect(metricCounts(c, ["ok", "defect"], { ...recall90, metric: "precision" })).toEqual({ successes: 45, n: 55 });
    expect(metricCounts(c, ["ok", "defect"], { ...recall90, metric: "accuracy", targetClass: null })).toEqual({ successes: 85, n: 100 });
    expect(metricCounts(c, ["ok", "defect"], { ...recall90, targetClass: "dent" })).toBeNull();
  });

  it("passes only when the interval's lower bound clears the threshold", () => {
    // 98/100 defects found: point 98 %, lower bound ≈ 93 % > 90 %.
    const pass = prototypeResult(
      run([
        [100, 0],
        [2, 98],
      ]),
      recall90,
    );
    expect(pass.outcome).toBe("passed");
    expect(pass.interval!.low).toBeCloseTo(wilsonInterval(98, 100).low!, 10);
    // 47/50 = 94 % looks above 90 %, but the lower bound (≈ 84 %) is not: inconclusive, not a pass.
    const close = prototypeResult(
      run([
        [50, 0],
        [3, 47],
      ]),
      recall90,
    );
    expect(close.interval!.estimate!).toBeGreaterThan(0.9);
    expect(close).toMatchObject({ outcome: "pending", why: "inconclusive" });
  });

  it("fails when even the upper bound is below the threshold", () => {
    expect(
      prototypeResult(
        run([
          [50, 0],
          [30, 30],
        ]),
        recall90,
      ).outcome,
    ).toBe("failed");
  });

  it("needs the required number of held-out images, even for a perfect score", () => {
    expect(
      prototypeResult(
        run([
          [20, 0],
          [0, 20],
        ]),
        { ...recall90, threshold: 0.5 },
      ),
    ).toMatchObject({ outcome: "pending", why: "tooFewImages" });
  });

  it("stays open without a finished run or a known class", () => {
    expect(prototypeResult(null, recall90)).toMatchObject({ outcome: "pending", why: "noRun" });
    expect(
      prototypeResult(
        run([
          [1, 0],
          [0, 1],
        ]),
        { ...recall90, targetClass: "dent" },
      ),
    ).toMatchObject({ why: "unknownClass" });
  });
});

describe("manual experiment result", () => {
  it("passes when the observed number reaches the threshold", () => {
    expect(manualResult(12, 10).outcome).toBe("passed");
    expect(manualResult(10, 10).outcome).toBe("passed");
    expect(manualResult(3, 10).outcome).toBe("failed");
    expect(manualResult(null, 10).outcome).toBe("pending");
  });
});
