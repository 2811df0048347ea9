import { describe, expect, it } from "vitest";
import { scoreAttempt } from "./scoring";
import { DEFAULT_SHARE_LEVEL, sharedView } from "./sharing";
import { makeTestInstrument, uniformAnswers } from "./test-instrument";

const instrument = makeTestInstrument();
const result = scoreAttempt(instrument, { ...uniformAnswers(instrument, 4, "c"), "ba.monetisation.1": 1 });

describe("sharedView", () => {
  it("shares dimension scores by default", () => {
    expect(DEFAULT_SHARE_LEVEL).toBe("dimensions");
  });

  it("shares nothing at level none", () => {
    expect(sharedView(result, "none")).toBeNull();
  });

  it("shares only dimension scores and bands at level dimensions", () => {
    const view = sharedView(result, "dimensions");
    expect(view).toEqual({
      level: "dimensions",
      instrumentVersion: 1,
      dimensionScores: result.dimensionScores,
      dimensionBands: result.dimensionBands,
    });
    expect(JSON.stringify(view)).not.toContain("monetisation");
  });

  it("shares facet scores, strengths and blind spots at level all", () => {
    const view = sharedView(result, "all");
    if (view?.level !== "all") throw new Error("expected the full view");
    expect(view.facetScores).toEqual(result.facetScores);
    expect(view.strengths).toEqual(result.strengths);
    expect(view.blindSpots.map((b) => b.facet)).toEqual(result.blindSpots.map((b) => b.facet));
    expect(view.blindSpots[0]).not.toHaveProperty("tips");
  });
});
