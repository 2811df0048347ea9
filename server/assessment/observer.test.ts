import { describe, expect, it } from "vitest";
import { InvalidAnswersError } from "./answers";
import { DIMENSIONS, FACETS } from "./facets";
import { parseInstrument } from "./instrument-schema";
import { bundledInstrument, LATEST_INSTRUMENT_VERSION } from "./instruments";
import {
  CANT_JUDGE,
  checkObserverAnswers,
  hasObserverForm,
  observerFormView,
  observerReliabilityReport,
  scoreObserver,
  scoreObserverSubmission,
} from "./observer";
import { scoreAttempt } from "./scoring";
import { seededRandom, simulateLatentRespondent, simulateNoiseRespondent, simulateObserver } from "./simulate-respondents";
import { makeTestInstrument, uniformAnswers } from "./test-instrument";

// Every facet: .1 .2 forward, .3 reverse; the first two facets of a dimension also get its
// situational item (options a/b/c = 1/3/5).
const instrument = makeTestInstrument();

describe("observer scoring", () => {
  it("scores judged items like the self form, reverse keys and options included", () => {
    const answers = {
      // ai_data_literacy: 5, 4, reverse 2 → 4, sjt c → 5: mean 4.5 → 87.5
      "tv.ai_data_literacy.1": 5,
      "tv.ai_data_literacy.2": 4,
      "tv.ai_data_literacy.3": 2,
      "tv.sjt.1": "c",
    };
    const scores = scoreObserver(instrument, answers);
    expect(scores.facetScores.ai_data_literacy).toBe(87.5);
    expect(scores.facetItems.ai_data_literacy).toEqual({ scored: 4, total: 4 });
  });

  it("leaves out what the rater cannot judge instead of reading it as a middle answer", () => {
    const answers = { ...uniformAnswers(instrument, 4, "c"), "tv.ai_data_literacy.1": CANT_JUDGE };
    // remaining: 4, reverse 4 → 2, sjt 5 → mean 11/3 → 66.7 from 3 of 4 items
    const scores = scoreObserver(instrument, answers);
    expect(scores.facetScores.ai_data_literacy).toBe(66.7);
    expect(scores.facetItems.ai_data_literacy).toEqual({ scored: 3, total: 4 });
    // A middle answer instead would move the score: (3 + 4 + 2 + 5) / 4 = 3.5 → 62.5.
    expect(scoreObserver(instrument, { ...answers, "tv.ai_data_literacy.1": 3 }).facetScores.ai_data_literacy).toBe(62.5);
  });

  it("gives no facet score from fewer than three judged items, and treats an unanswered item as can't judge", () => {
    const answers = { ...uniformAnswers(instrument, 4, "c") } as Record<string, unknown>;
    answers["tv.learning_agility.1"] = CANT_JUDGE;
    delete answers["tv.learning_agility.2"];
    const scores = scoreObserver(instrument, answers);
    expect(scores.facetScores.learning_agility).toBeUndefined();
    expect(scores.facetItems.learning_agility).toEqual({ scored: 1, total: 3 });
    expect(scores.facetScores.trend_sensing).toBeDefined();
  });

  it("refuses values the self form would refuse, and 'not applicable yet' (raters say can't judge)", () => {
    const issues = checkObserverAnswers(instrument, {
      "tv.ai_data_literacy.1": 6,
      "tv.ai_data_literacy.2": "na",
      "tv.sjt.1": "z",
      bogus: 1,
    });
    expect(issues.invalid.map((i) => i.itemId)).toEqual(["tv.ai_data_literacy.1", "tv.ai_data_literacy.2", "tv.sjt.1"]);
    expect(issues.unknown).toEqual(["bogus"]);
    expect(() => scoreObserver(instrument, { "tv.ai_data_literacy.1": 0 })).toThrow(InvalidAnswersError);
  });

  it("refuses a submission that judged no facet", () => {
    expect(() => scoreObserverSubmission(instrument, { "tv.ai_data_literacy.1": 4, "tv.ai_data_literacy.2": 4 })).toThrow(
      /at least 3 statements/,
    );
    expect(() => scoreObserverSubmission(instrument, {})).toThrow(/at least/);
  });
});

describe("observer form of the bundled instrument", () => {
  const v2 = bundledInstrument(LATEST_INSTRUMENT_VERSION);

  it("words every v2 item for raters, in English and Chinese, differently from the self text", () => {
    expect(hasObserverForm(v2)).toBe(true);
    for (const item of v2.items) {
      const self = item.kind === "likert" ? item.text : item.scenario;
      const observer = item.kind === "likert" ? item.observerText : item.observerScenario;
      expect(observer, item.id).toBeDefined();
      expect(observer!.en).not.toBe(self.en);
      expect(observer!.zh).not.toBe(self.zh);
      expect(observer!.en, item.id).toMatch(/\b(She\/He|she\/he|Her\/His|her\/his|her\/him)\b/);
      expect(observer!.zh, item.id).toContain("他/她");
      expect(observer!.en, item.id).not.toMatch(/\b(I|my|me)\b/);
    }
  });

  it("sends the rater no self texts, option scores, rationales or tips", () => {
    const form = JSON.stringify(observerFormView(v2));
    expect(form).not.toContain('"score"');
    expect(form).not.toContain("rationale");
    expect(form).not.toContain("tips");
    const selfItem = v2.items.find((i) => i.kind === "likert")!;
    expect(form).not.toContain(selfItem.kind === "likert" ? selfItem.text.en : "");
  });

  it("leaves the self form unchanged: a stored v2 row without observer texts parses and scores the same", () => {
    const stored = structuredClone(v2) as Record<string, unknown> & { items: Record<string, unknown>[] };
    delete stored.observer;
    for (const item of stored.items) {
      delete item.observerText;
      delete item.observerScenario;
    }
    const old = parseInstrument(stored);
    expect(hasObserverForm(old)).toBe(false);
    const answers = simulateLatentRespondent(v2, { loading: 1, noiseSd: 0.7, dimensionWeight: 0.6 }, seededRandom(5));
    expect(scoreAttempt(old, answers)).toEqual(scoreAttempt(v2, answers));
  });
});

describe("observer alpha on simulated raters (proves the computation, not the items)", () => {
  const v2 = bundledInstrument(LATEST_INSTRUMENT_VERSION);

  it("finds alpha ≥ 0.7 for raters driven by a latent trait, with can't-judge answers left out listwise", () => {
    const random = seededRandom(424242);
    const raters = Array.from({ length: 600 }, () => simulateObserver(v2, { loading: 1, noiseSd: 0.7, dimensionWeight: 0.6 }, random));
    const report = observerReliabilityReport(v2, raters);
    expect(report.n).toBe(600);
    for (const facet of FACETS) {
      const r = report.facets[facet];
      expect(r.alpha, facet).not.toBeNull();
      expect(r.alpha!, facet).toBeGreaterThanOrEqual(0.7);
      // Listwise: raters who skipped the facet or one of its items are not in its n.
      expect(r.n, facet).toBeLessThan(600);
      expect(r.n, facet).toBeGreaterThan(300);
    }
    for (const d of DIMENSIONS) expect(report.dimensions[d].n, d).toBeLessThan(report.facets.resilience.n);
  });

  it("finds alpha near zero for raters who answer at random", () => {
    const random = seededRandom(11);
    const raters = Array.from({ length: 1000 }, () => simulateNoiseRespondent(v2, random));
    const report = observerReliabilityReport(v2, raters);
    for (const facet of FACETS) expect(Math.abs(report.facets[facet].alpha ?? 1), facet).toBeLessThan(0.3);
  });
});
