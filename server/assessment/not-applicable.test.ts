import { describe, expect, it } from "vitest";
import { reliabilityReport } from "./alpha";
import { checkAnswers, NOT_APPLICABLE, scoredItemValues } from "./answers";
import { FACETS } from "./facets";
import { MIN_SCORED_ITEMS_PER_FACET, parseInstrument } from "./instrument-schema";
import { scoreAttempt } from "./scoring";
import { makeTestInstrument, uniformAnswers } from "./test-instrument";

// Every facet: .1 .2 forward, .3 reverse, .4 forward and "not applicable yet" allowed; the first two
// facets of each dimension also get the dimension's situational item (options a/b/c = 1/3/5).
const instrument = makeTestInstrument(1, { notApplicableItems: true });

describe('"not applicable yet"', () => {
  it("is accepted only by items that offer it", () => {
    const answers = { "tv.ai_data_literacy.4": NOT_APPLICABLE, "tv.ai_data_literacy.1": NOT_APPLICABLE, "tv.sjt.1": NOT_APPLICABLE };
    expect(checkAnswers(instrument, answers, { complete: false }).invalid).toEqual([
      { itemId: "tv.ai_data_literacy.1", reason: "not_applicable_not_offered" },
      { itemId: "tv.sjt.1", reason: "unknown_option" },
    ]);
  });

  it("counts as an answer, so an attempt with it is complete", () => {
    const answers = { ...uniformAnswers(instrument, 3, "b"), "tv.ai_data_literacy.4": NOT_APPLICABLE };
    expect(checkAnswers(instrument, answers).missing).toEqual([]);
    expect(scoredItemValues(instrument, answers).has("tv.ai_data_literacy.4")).toBe(false);
  });

  it("scores a facet from the items that were answered and says how many that was", () => {
    const answers = {
      ...uniformAnswers(instrument, 3, "b"),
      // ai_data_literacy: 5, 5, reverse 1 → 5, N/A, sjt c → 5: mean 5 → 100 from 4 of 5 items
      "tv.ai_data_literacy.1": 5,
      "tv.ai_data_literacy.2": 5,
      "tv.ai_data_literacy.3": 1,
      "tv.ai_data_literacy.4": NOT_APPLICABLE,
      "tv.sjt.1": "c",
      // learning_agility (no situational item): 4, 2, reverse 4 → 2, N/A: mean 8/3 → 41.7 from 3 of 4
      "tv.learning_agility.1": 4,
      "tv.learning_agility.2": 2,
      "tv.learning_agility.3": 4,
      "tv.learning_agility.4": NOT_APPLICABLE,
    };
    const result = scoreAttempt(instrument, answers);
    expect(result.facetScores.ai_data_literacy).toBe(100);
    expect(result.facetItems?.ai_data_literacy).toEqual({ scored: 4, total: 5 });
    expect(result.facetScores.learning_agility).toBe(41.7);
    expect(result.facetItems?.learning_agility).toEqual({ scored: 3, total: 4 });
    // Answering the item instead changes the score: it is left out, not read as a middle answer.
    const answered = scoreAttempt(instrument, { ...answers, "tv.learning_agility.4": 3 });
    expect(answered.facetScores.learning_agility).toBe(43.8);
    expect(answered.facetItems?.learning_agility).toEqual({ scored: 4, total: 4 });
    // Facets without "not applicable yet" answers rest on all their items.
    expect(result.facetItems?.market_sensing).toEqual({ scored: 5, total: 5 });
    expect(FACETS.every((f) => result.facetItems?.[f] !== undefined)).toBe(true);
  });

  it("refuses an instrument in which a facet could rest on fewer than the minimum of items", () => {
    const data = structuredClone(instrument) as { items: { id: string; notApplicableYet?: boolean }[] };
    for (const item of data.items) if (item.id.startsWith("tv.learning_agility.")) item.notApplicableYet = true;
    expect(() => parseInstrument(data)).toThrow(`facet learning_agility needs ${MIN_SCORED_ITEMS_PER_FACET} items`);
  });

  it("leaves attempts with a scale's item not applicable out of that scale's alpha only", () => {
    const full = (v: number) => uniformAnswers(instrument, v, "b");
    const attempts = [full(2), full(4), { ...full(5), "tv.learning_agility.4": NOT_APPLICABLE }];
    const report = reliabilityReport(instrument, attempts, { minRespondents: 2 });
    expect(report.facets.learning_agility.n).toBe(2);
    expect(report.facets.ai_data_literacy.n).toBe(3);
    expect(report.dimensions.technical_vision.n).toBe(2);
  });
});
