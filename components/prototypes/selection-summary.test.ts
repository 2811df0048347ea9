import { describe, expect, it } from "vitest";
import type { Candidate, Selection } from "@/server/prototypes/run-json";
import { selectionSummary } from "./selection-summary";

const candidate = (kind: Candidate["kind"], correct: number, n = 240): Candidate => ({
  kind,
  correct,
  n,
  cvAccuracy: correct / n,
  foldAccuracies: [correct / n],
  spread: 0.02,
  params: {},
  grid: [],
  durationMs: 10,
});

describe("selectionSummary", () => {
  it("names the runner-up and the gap in points", () => {
    const selection: Selection = {
      folds: 5,
      trainImages: 240,
      winner: "logistic",
      candidates: [candidate("logistic", 228), candidate("pixels", 214), candidate("mlp", 220)],
    };
    const summary = selectionSummary(selection);
    expect(summary.winner.kind).toBe("logistic");
    expect(summary.runnerUp?.kind).toBe("mlp");
    expect(summary.points).toBe(3.3);
    expect(summary.reason).toBe("higher");
    expect(summary.winner.cv.low).toBeLessThan(0.95);
    expect(summary.winner.cv.high).toBeGreaterThan(0.95);
  });

  it("says tie when the simpler model won on an equal count", () => {
    const summary = selectionSummary({
      folds: 5,
      trainImages: 240,
      winner: "logistic",
      candidates: [candidate("logistic", 240), candidate("pixels", 240), candidate("mlp", 239)],
    });
    expect(summary.reason).toBe("tie");
    expect(summary.runnerUp?.kind).toBe("pixels");
    expect(summary.points).toBe(0);
  });
});
