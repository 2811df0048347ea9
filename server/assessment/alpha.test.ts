import { describe, expect, it } from "vitest";
import { MIN_RESPONDENTS_FOR_RELIABILITY, cronbachAlpha, reliabilityReport, type AlphaResult } from "./alpha";
import { DIMENSIONS, FACETS } from "./facets";
import { BUNDLED_INSTRUMENT_VERSIONS, bundledInstrument } from "./instruments";
import { facetsOfItem } from "./items";
import { seededRandom, simulateLatentRespondent, simulateNoiseRespondent } from "./simulate-respondents";

const alphaOf = (result: AlphaResult): number => {
  if (result.alpha === null) throw new Error(`alpha undefined: ${result.reason}`);
  return result.alpha;
};

describe("cronbachAlpha", () => {
  it("matches a value computed by hand", () => {
    // Item variances 1 and 1/3; totals 3, 5, 6 have variance 7/3.
    // α = 2/1 × (1 − (1 + 1/3) / (7/3)) = 2 × (1 − 4/7) = 6/7
    const result = cronbachAlpha([
      [1, 2],
      [2, 3],
      [3, 3],
    ]);
    expect(alphaOf(result)).toBeCloseTo(6 / 7, 12);
    expect([result.n, result.k]).toEqual([3, 2]);
  });

  it("is 1 for identical items and can be negative for items that disagree", () => {
    expect(
      alphaOf(
        cronbachAlpha([
          [1, 1, 1],
          [3, 3, 3],
          [5, 5, 5],
        ]),
      ),
    ).toBeCloseTo(1, 12);
    // Item variances 13/3 each; totals 6, 6, 4 have variance 4/3 → α = 2 × (1 − 26/4) = −11
    expect(
      alphaOf(
        cronbachAlpha([
          [1, 5],
          [5, 1],
          [2, 2],
        ]),
      ),
    ).toBeCloseTo(-11, 12);
  });

  it("returns null with a reason when alpha is undefined", () => {
    expect(cronbachAlpha([])).toMatchObject({ alpha: null, n: 0, reason: "too_few_respondents", reliable: false });
    expect(cronbachAlpha([[1, 2, 3]])).toMatchObject({ alpha: null, n: 1, k: 3, reason: "too_few_respondents" });
    expect(cronbachAlpha([[1], [2], [3]])).toMatchObject({ alpha: null, k: 1, reason: "too_few_items" });
    expect(
      cronbachAlpha([
        [2, 4],
        [2, 4],
        [2, 4],
      ]),
    ).toMatchObject({ alpha: null, reason: "zero_variance" });
  });

  it("refuses ragged or non-numeric matrices", () => {
    expect(() => cronbachAlpha([[1, 2], [3]])).toThrow(/2 item values/);
    expect(() =>
      cronbachAlpha([
        [1, Number.NaN],
        [3, 4],
      ]),
    ).toThrow(/finite/);
  });

  it("is flagged reliable only from the documented number of respondents", () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => [i % 5, (i % 5) + (i % 2)]);
    expect(MIN_RESPONDENTS_FOR_RELIABILITY).toBe(30);
    expect(cronbachAlpha(rows(29)).reliable).toBe(false);
    expect(cronbachAlpha(rows(30)).reliable).toBe(true);
    expect(cronbachAlpha(rows(10), { minRespondents: 10 }).reliable).toBe(true);
  });
});

describe.each(BUNDLED_INSTRUMENT_VERSIONS)(
  "reliabilityReport on simulated respondents, instrument v%i (proves the computation, not the items)",
  (version) => {
    const instrument = bundledInstrument(version);
    const n = 500;

    it("finds high alpha for respondents driven by a latent trait", () => {
      const random = seededRandom(20240501);
      const model = { loading: 1, noiseSd: 0.7, dimensionWeight: 0.6 };
      const attempts = Array.from({ length: n }, () => simulateLatentRespondent(instrument, model, random));
      const report = reliabilityReport(instrument, attempts);

      expect(report.n).toBe(n);
      for (const facet of FACETS) {
        expect(alphaOf(report.facets[facet]), facet).toBeGreaterThanOrEqual(0.7);
        expect(report.facets[facet].reliable).toBe(true);
      }
      for (const dimension of DIMENSIONS) expect(alphaOf(report.dimensions[dimension]), dimension).toBeGreaterThanOrEqual(0.7);
    });

    it("finds alpha near zero for respondents who answer at random", () => {
      // With 1,000 random respondents alpha varies around 0 with an SD near 0.05 (measured over 40
      // seeds), so ±0.3 is a wide margin; at 500 the SD is 0.07 and the tails come close to 0.3.
      const random = seededRandom(7);
      const attempts = Array.from({ length: 1000 }, () => simulateNoiseRespondent(instrument, random));
      const report = reliabilityReport(instrument, attempts);
      for (const facet of FACETS) expect(Math.abs(alphaOf(report.facets[facet])), facet).toBeLessThan(0.3);
      for (const dimension of DIMENSIONS) expect(Math.abs(alphaOf(report.dimensions[dimension])), dimension).toBeLessThan(0.3);
    });

    it("applies reverse keys before computing alpha", () => {
      const random = seededRandom(99);
      const model = { loading: 1, noiseSd: 0.7, dimensionWeight: 0.6 };
      const attempts = Array.from({ length: 200 }, () => simulateLatentRespondent(instrument, model, random));
      const likertIds = instrument.items.filter((item) => item.kind === "likert" && item.facet === "delegation").map((item) => item.id);
      // Raw answers of a facet with reverse-keyed items pull against each other.
      const raw = cronbachAlpha(attempts.map((a) => likertIds.map((id) => a[id] as number)));
      expect(alphaOf(raw)).toBeLessThan(0.3);
      expect(alphaOf(reliabilityReport(instrument, attempts).facets.delegation)).toBeGreaterThanOrEqual(0.7);
    });

    it("marks a small sample as not yet reliable", () => {
      const random = seededRandom(3);
      const model = { loading: 1, noiseSd: 0.7, dimensionWeight: 0.6 };
      const attempts = Array.from({ length: 12 }, () => simulateLatentRespondent(instrument, model, random));
      const report = reliabilityReport(instrument, attempts);
      const k = instrument.items.filter((item) => facetsOfItem(item).includes("resilience")).length;
      expect(report.facets.resilience).toMatchObject({ n: 12, k, reliable: false });
    });

    it("reports every alpha as undefined for a single attempt", () => {
      const attempts = [simulateNoiseRespondent(instrument, seededRandom(1))];
      const report = reliabilityReport(instrument, attempts);
      expect(Object.values(report.dimensions).map((r) => r.alpha)).toEqual([null, null, null]);
    });
  },
);
