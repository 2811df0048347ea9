import { describe, expect, it } from "vitest";
import { scoreAttempt } from "./scoring";
import { DEFAULT_SHARE_LEVEL, sharedView } from "./sharing";
import { makeTestInstrument, uniformAnswers } from "./test-instrument";

const instrument = makeTestInstrument();
const result = scoreAttempt(instrument, { ...uniformAnswers(instrument, 4, "c"), "ba.monetisation.1": 1 });

describe("sharedView", () => {
  it("shares dimension scores by default", () => {
    expect(DEFAULT_SHARE_LEVEL).toBe("DIMENSIONS");
  });

  it("shares nothing at level NONE", () => {
    expect(sharedView(result, "NONE")).toBeNull();
  });

  it("shares only dimension scores and bands at level DIMENSIONS", () => {
    const view = sharedView(result, "DIMENSIONS");
    expect(view).toEqual({
      level: "DIMENSIONS",
      instrumentVersion: 1,
      dimensionScores: result.dimensionScores,
      dimensionBands: result.dimensionBands,
    });
    expect(JSON.stringify(view)).not.toContain("monetisation");
  });

  it("shares facet scores, strengths and blind spots at level EVERYTHING", () => {
    const view = sharedView(result, "EVERYTHING");
    if (view?.level !== "EVERYTHING") throw new Error("expected the full view");
    expect(view.facetScores).toEqual(result.facetScores);
    expect(view.strengths).toEqual(result.strengths);
    expect(view.blindSpots.map((b) => b.facet)).toEqual(result.blindSpots.map((b) => b.facet));
    expect(view.blindSpots[0]).not.toHaveProperty("tips");
  });
});
