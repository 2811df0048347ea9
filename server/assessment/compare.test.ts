import { describe, expect, it } from "vitest";
import { compareAttempts } from "./compare";
import { scoreAttempt } from "./scoring";
import { makeTestInstrument, uniformAnswers } from "./test-instrument";

const instrument = makeTestInstrument();

describe("compareAttempts", () => {
  it("reports the change per facet and per dimension from the earlier to the later attempt", () => {
    const before = scoreAttempt(instrument, uniformAnswers(instrument, 3, "b"));
    const after = scoreAttempt(instrument, {
      ...uniformAnswers(instrument, 3, "b"),
      "tv.learning_agility.1": 5, // 5, 3, 3 → 66.7
      "ld.resilience.3": 5, // reverse: 3, 3, 1 → 33.3
    });
    const comparison = compareAttempts(before, after);

    expect(comparison.facets.learning_agility).toEqual({ before: 50, after: 66.7, change: 16.7 });
    expect(comparison.facets.resilience).toEqual({ before: 50, after: 33.3, change: -16.7 });
    expect(comparison.facets.monetisation).toEqual({ before: 50, after: 50, change: 0 });
    // technical_vision: (50 + 50 + 66.7 + 50) / 4 = 54.175 → 54.2; leadership: (4 × 50 + 33.3) / 5 = 46.66 → 46.7
    expect(comparison.dimensions.technical_vision).toEqual({ before: 50, after: 54.2, change: 4.2 });
    expect(comparison.dimensions.leadership).toEqual({ before: 50, after: 46.7, change: -3.3 });
    expect(comparison.sameInstrument).toBe(true);
  });

  it("flags attempts taken on different instrument versions", () => {
    const v1 = scoreAttempt(instrument, uniformAnswers(instrument, 4, "c"));
    const v2Instrument = makeTestInstrument(2);
    const v2 = scoreAttempt(v2Instrument, uniformAnswers(v2Instrument, 4, "c"));
    const comparison = compareAttempts(v1, v2);
    expect([comparison.fromVersion, comparison.toVersion, comparison.sameInstrument]).toEqual([1, 2, false]);
  });
});
