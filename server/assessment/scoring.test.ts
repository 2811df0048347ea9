import { describe, expect, it } from "vitest";
import { InvalidAnswersError, checkAnswers } from "./answers";
import { FACETS } from "./facets";
import { parseInstrument } from "./instrument-schema";
import { bundledInstrument } from "./instruments";
import { BAND_THRESHOLDS, bandFor, roundScore, scoreAttempt } from "./scoring";
import { makeTestInstrument, uniformAnswers } from "./test-instrument";

// The test instrument: three Likert items per facet (.3 reverse-keyed); one situational item per
// dimension informing its first two facets (tv: ai_data_literacy, trend_sensing; ba: market_sensing,
// customer_insight; ld: vision_communication, talent_building) with options a/b/c = 1/3/5.
const instrument = makeTestInstrument();
const neutral = () => uniformAnswers(instrument, 3, "b"); // every item value 3 → every facet 50

function caught(fn: () => unknown): InvalidAnswersError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidAnswersError) return error;
    throw error;
  }
  throw new Error("expected InvalidAnswersError");
}

describe("scoreAttempt", () => {
  it("scores a worked example computed by hand", () => {
    const answers = {
      ...neutral(),
      "tv.ai_data_literacy.1": 5,
      "tv.ai_data_literacy.2": 4,
      "tv.ai_data_literacy.3": 2, // reverse-keyed: counts as 4
      "tv.sjt.1": "c", // score 5, on ai_data_literacy and trend_sensing
      "tv.learning_agility.1": 4,
      "tv.learning_agility.2": 4,
      "tv.learning_agility.3": 1, // reverse-keyed: counts as 5
    };
    const result = scoreAttempt(instrument, answers);

    // ai_data_literacy: 5, 4, 4, 5 → mean 4.5 → (4.5 − 1) / 4 × 100 = 87.5
    expect(result.facetScores.ai_data_literacy).toBe(87.5);
    // trend_sensing: 3, 3, 3, 5 → mean 3.5 → 62.5
    expect(result.facetScores.trend_sensing).toBe(62.5);
    // learning_agility: 4, 4, 5 → mean 4.333… → 83.333… → 83.3
    expect(result.facetScores.learning_agility).toBe(83.3);
    expect(result.facetScores.technical_judgement).toBe(50);
    // technical_vision: (87.5 + 62.5 + 83.3 + 50) / 4 = 70.825 → 70.8
    expect(result.dimensionScores.technical_vision).toBe(70.8);
    expect(result.dimensionScores.business_acumen).toBe(50);
    expect(result.dimensionBands).toEqual({ technical_vision: "high", business_acumen: "moderate", leadership: "moderate" });
    expect(result.facetBands.ai_data_literacy).toBe("high");
    expect(result.facetBands.trend_sensing).toBe("moderate");
    expect(result.instrumentVersion).toBe(1);
  });

  it("applies reverse keys as 6 − answer", () => {
    const result = scoreAttempt(instrument, uniformAnswers(instrument, 5, "c"));
    // Agreeing fully with everything: 5, 5 and the reverse item as 1 → mean 11/3 → 66.7, not 100.
    expect(result.facetScores.learning_agility).toBe(66.7);
    // With the situational item (5) as well: 5, 5, 1, 5 → mean 4 → 75.
    expect(result.facetScores.ai_data_literacy).toBe(75);

    const consistent = scoreAttempt(instrument, { ...uniformAnswers(instrument, 5, "c"), "tv.learning_agility.3": 1 });
    expect(consistent.facetScores.learning_agility).toBe(100);
  });

  it("maps the ends of the scale to 0 and 100", () => {
    const lowest = Object.fromEntries(instrument.items.map((item) => [item.id, item.kind === "likert" ? (item.reverse ? 5 : 1) : "a"]));
    const highest = Object.fromEntries(instrument.items.map((item) => [item.id, item.kind === "likert" ? (item.reverse ? 1 : 5) : "c"]));
    expect(new Set(Object.values(scoreAttempt(instrument, lowest).facetScores))).toEqual(new Set([0]));
    expect(new Set(Object.values(scoreAttempt(instrument, highest).dimensionScores))).toEqual(new Set([100]));
  });

  it("lists the top three strengths and the bottom three blind spots, ties in facet order", () => {
    const high = (prefix: string) => ({ [`${prefix}.1`]: 5, [`${prefix}.2`]: 5, [`${prefix}.3`]: 1 }); // 100
    const low = (prefix: string) => ({ [`${prefix}.1`]: 1, [`${prefix}.2`]: 1, [`${prefix}.3`]: 5 }); // 0
    const result = scoreAttempt(instrument, {
      ...neutral(),
      ...high("ld.resilience"),
      ...high("ba.monetisation"),
      ...high("tv.learning_agility"),
      ...{ "ld.delegation.1": 4 }, // 4, 3, 3 → 58.3, just outside the top three
      ...low("ld.decisions_uncertainty"),
      ...low("ba.opportunity_recognition"),
      ...low("tv.technical_judgement"),
      ...{ "ba.financial_discipline.1": 2 }, // 2, 3, 3 → 41.7, just outside the bottom three
    });

    expect(result.strengths.map((s) => [s.facet, s.score])).toEqual([
      ["learning_agility", 100],
      ["monetisation", 100],
      ["resilience", 100],
    ]);
    expect(result.blindSpots.map((s) => [s.facet, s.score, s.band])).toEqual([
      ["technical_judgement", 0, "low"],
      ["opportunity_recognition", 0, "low"],
      ["decisions_uncertainty", 0, "low"],
    ]);
    expect(result.strengths[0]?.dimension).toBe("technical_vision");
  });

  it("gives each blind spot the tips of its facet", () => {
    const result = scoreAttempt(instrument, { ...neutral(), "ba.monetisation.1": 1 });
    const monetisation = instrument.dimensions[1]?.facets.find((f) => f.id === "monetisation");
    expect(result.blindSpots[0]?.facet).toBe("monetisation");
    expect(result.blindSpots[0]?.tips).toEqual(monetisation?.tips);
    expect(result.blindSpots.every((b) => b.tips.length >= 2)).toBe(true);
  });

  it("never names a facet both a strength and a blind spot, even when every score ties", () => {
    const result = scoreAttempt(instrument, neutral());
    const strengths = result.strengths.map((s) => s.facet);
    const blindSpots = result.blindSpots.map((s) => s.facet);
    expect(strengths).toEqual(FACETS.slice(0, 3));
    expect(blindSpots).toEqual(FACETS.slice(3, 6));
  });

  it("scores with the instrument version it is given", () => {
    const v2 = parseInstrument({
      ...instrument,
      version: 2,
      items: instrument.items.map((item) => (item.id === "tv.learning_agility.3" ? { ...item, reverse: false } : item)),
    });
    const answers = { ...neutral(), "tv.learning_agility.3": 5 };
    const onV1 = scoreAttempt(instrument, answers);
    const onV2 = scoreAttempt(v2, answers);
    expect([onV1.instrumentVersion, onV1.facetScores.learning_agility]).toEqual([1, 33.3]); // 3, 3, 1
    expect([onV2.instrumentVersion, onV2.facetScores.learning_agility]).toEqual([2, 66.7]); // 3, 3, 5
  });
});

describe("scoreAttempt rejects answers it cannot score", () => {
  it("lists the missing item ids, in instrument order", () => {
    const answers: Record<string, unknown> = neutral();
    delete answers["ld.resilience.2"];
    delete answers["tv.sjt.1"];
    answers["ba.monetisation.1"] = null;
    const error = caught(() => scoreAttempt(instrument, answers));
    expect(error.missing).toEqual(["tv.sjt.1", "ba.monetisation.1", "ld.resilience.2"]);
    expect(error.message).toContain("tv.sjt.1, ba.monetisation.1, ld.resilience.2");
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.details).toMatchObject({ instrumentVersion: 1, missing: error.missing });
  });

  it("rejects out-of-range, non-integer and mistyped values, and unknown options", () => {
    const error = caught(() =>
      scoreAttempt(instrument, {
        ...neutral(),
        "tv.ai_data_literacy.1": 6,
        "tv.ai_data_literacy.2": 0,
        "tv.trend_sensing.1": 3.5,
        "tv.trend_sensing.2": "4",
        "tv.sjt.1": "d",
        "ba.sjt.1": 3,
      }),
    );
    expect(error.missing).toEqual([]);
    expect(error.invalid).toEqual([
      { itemId: "tv.ai_data_literacy.1", reason: "likert_out_of_range" },
      { itemId: "tv.ai_data_literacy.2", reason: "likert_out_of_range" },
      { itemId: "tv.trend_sensing.1", reason: "likert_out_of_range" },
      { itemId: "tv.trend_sensing.2", reason: "likert_out_of_range" },
      { itemId: "tv.sjt.1", reason: "unknown_option" },
      { itemId: "ba.sjt.1", reason: "unknown_option" },
    ]);
  });

  it("rejects answers to items the instrument does not have", () => {
    const error = caught(() => scoreAttempt(instrument, { ...neutral(), "tv.ai_data_literacy.9": 3, constructor: 3 }));
    expect(error.unknown).toEqual(["constructor", "tv.ai_data_literacy.9"]);
  });

  it("rejects an attempt from another version that lacks items of this one", () => {
    const v2 = parseInstrument({
      ...instrument,
      version: 2,
      items: [...instrument.items, { ...instrument.items[0], id: "tv.ai_data_literacy.4" }],
    });
    expect(caught(() => scoreAttempt(v2, neutral())).missing).toEqual(["tv.ai_data_literacy.4"]);
  });

  it("rejects an incomplete attempt on the shipped instrument", () => {
    const v1 = bundledInstrument(1);
    const answers = uniformAnswers(v1, 4, "a");
    delete answers["ld.delegation.3"];
    expect(caught(() => scoreAttempt(v1, answers)).missing).toEqual(["ld.delegation.3"]);
  });
});

describe("checkAnswers for a partial attempt", () => {
  it("ignores unanswered items but still reports invalid ones", () => {
    const issues = checkAnswers(instrument, { "tv.ai_data_literacy.1": 4, "tv.sjt.1": "z" }, { complete: false });
    expect(issues).toEqual({ missing: [], invalid: [{ itemId: "tv.sjt.1", reason: "unknown_option" }], unknown: [] });
  });
});

describe("bands", () => {
  it("splits at the documented thresholds", () => {
    expect(BAND_THRESHOLDS).toEqual({ moderate: 40, high: 70 });
    expect([0, 39.9, 40, 69.9, 70, 100].map(bandFor)).toEqual(["low", "low", "moderate", "moderate", "high", "high"]);
  });

  it("bands the rounded score, so a displayed 70.0 is high", () => {
    expect(roundScore(69.95)).toBe(70);
    expect(bandFor(roundScore(69.95))).toBe("high");
    expect(roundScore(69.94)).toBe(69.9);
  });

  it("puts facets of the shipped instrument at exactly 40 and 70 in the upper band", () => {
    // Shipped facets have four Likert items and one situational item: score = (sum − 5) × 5,
    // so 70 is a sum of 19 (item values 4, 4, 4, 4, 3) and 40 a sum of 13 (3, 3, 3, 2, 2).
    const v1 = bundledInstrument(1);
    const valued = (likertValues: number[], optionScore: number) => {
      const answers: Record<string, number | string> = {};
      const facetItems = v1.items.filter((i) => i.kind === "likert" && i.facet === "customer_insight");
      const sjt = v1.items.find((i) => i.kind === "situational" && i.facets.includes("customer_insight"));
      if (sjt?.kind !== "situational") throw new Error("customer_insight needs a situational item");
      Object.assign(answers, uniformAnswers(v1, 3, sjt.options[0]?.id ?? "a"));
      facetItems.forEach((item, i) => {
        if (item.kind !== "likert") return;
        const value = likertValues[i] ?? 3;
        answers[item.id] = item.reverse ? 6 - value : value;
      });
      const option = sjt.options.find((o) => o.score === optionScore);
      if (!option) throw new Error(`no option scoring ${optionScore}`);
      answers[sjt.id] = option.id;
      return scoreAttempt(v1, answers).facetScores.customer_insight;
    };
    expect(valued([4, 4, 4, 4], 3)).toBe(70);
    expect(bandFor(valued([4, 4, 4, 4], 3))).toBe("high");
    expect(valued([4, 4, 4, 4], 2)).toBe(65);
    expect(valued([3, 3, 3, 2], 2)).toBe(40);
    expect(bandFor(valued([3, 3, 3, 2], 2))).toBe("moderate");
    expect(valued([3, 3, 2, 2], 2)).toBe(35);
  });
});
