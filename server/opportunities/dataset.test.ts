import { describe, expect, it } from "vitest";
import { FACETS } from "@/server/assessment/facets";
import { bundledDataset, LATEST_DATASET_VERSION, opportunitiesOf } from "./dataset";
import { FACTORS, INDUSTRIES, MIN_PER_INDUSTRY, ZDataset, type Dataset, type LocalizedText } from "./dataset-schema";
import { scoreOpportunity, toScorable } from "./scoring";

const dataset = bundledDataset();
const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);
const bilingual = (t: LocalizedText) => t.en.trim().length > 0 && hasChinese(t.zh);
const clone = (): Dataset => structuredClone(dataset);

describe("the bundled opportunity dataset", () => {
  it("is version 1, the latest", () => {
    expect(dataset.version).toBe(1);
    expect(LATEST_DATASET_VERSION).toBe(dataset.version);
  });

  it(`has at least ${MIN_PER_INDUSTRY} opportunities in each of the five industries`, () => {
    for (const industry of INDUSTRIES) expect(opportunitiesOf(dataset, industry).length).toBeGreaterThanOrEqual(MIN_PER_INDUSTRY);
    expect(dataset.opportunities.length).toBeGreaterThanOrEqual(INDUSTRIES.length * MIN_PER_INDUSTRY);
  });

  it("has unique, stable keys prefixed by the industry", () => {
    const keys = dataset.opportunities.map((o) => o.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const o of dataset.opportunities) expect(o.key.startsWith(`${o.industry}.`)).toBe(true);
  });

  it("gives every opportunity all fields, in English and Chinese", () => {
    for (const o of dataset.opportunities) {
      for (const t of [o.title, o.description, o.customers, o.value.basis, ...o.useCases])
        expect(bilingual(t), `${o.key}: ${t.en}`).toBe(true);
      expect(o.useCases.length, o.key).toBeGreaterThanOrEqual(2);
      expect(["emerging", "growing", "mainstream"]).toContain(o.stage);
    }
  });

  it("scores every factor 1–5 with a one-line rationale in both languages", () => {
    for (const o of dataset.opportunities) {
      expect(Object.keys(o.factors).sort()).toEqual([...FACTORS].sort());
      for (const factor of FACTORS) {
        const { score, rationale } = o.factors[factor];
        expect(Number.isInteger(score) && score >= 1 && score <= 5, `${o.key}.${factor}`).toBe(true);
        expect(bilingual(rationale), `${o.key}.${factor}`).toBe(true);
        expect(rationale.en, `${o.key}.${factor} is one line`).not.toMatch(/\n/);
      }
    }
  });

  it("gives every value a range, a source with name, title, https URL and year, and says how estimates were made", () => {
    for (const o of dataset.opportunities) {
      const v = o.value;
      expect(v.low, o.key).toBeGreaterThan(0);
      expect(v.high, o.key).toBeGreaterThanOrEqual(v.low);
      expect(v.source.name.length * v.source.title.length, o.key).toBeGreaterThan(0);
      expect(v.source.url, o.key).toMatch(/^https:\/\//);
      expect(v.source.year, o.key).toBeGreaterThanOrEqual(2015);
      if (v.kind === "estimate") {
        expect(v.note && bilingual(v.note), `${o.key} estimate note`).toBe(true);
        // The note's arithmetic must end in the range shown, so the two cannot drift apart.
        expect(v.note!.en, `${o.key} note states its result`).toContain(`${v.low}–${v.high}`);
      }
    }
  });

  it("weights 3–5 valid facet ids in each required profile, summing to 1", () => {
    for (const o of dataset.opportunities) {
      const entries = Object.entries(o.requiredProfile);
      expect(entries.length, o.key).toBeGreaterThanOrEqual(3);
      expect(entries.length, o.key).toBeLessThanOrEqual(5);
      for (const [facet, w] of entries) {
        expect(FACETS, o.key).toContain(facet);
        expect(w, o.key).toBeGreaterThan(0);
      }
      expect(
        entries.reduce((s, [, w]) => s + (w ?? 0), 0),
        o.key,
      ).toBeCloseTo(1, 2);
    }
  });

  it("shows no industry figure without its source, year and URL", () => {
    const figures = [...dataset.crossIndustryFigures, ...dataset.industries.flatMap((i) => i.figures)];
    expect(dataset.industries.map((i) => i.id)).toEqual([...INDUSTRIES]);
    for (const i of dataset.industries) expect(i.figures.length, i.id).toBeGreaterThanOrEqual(2);
    for (const f of figures) {
      expect(bilingual(f.label) && bilingual(f.display), f.key).toBe(true);
      expect(f.source.url, f.key).toMatch(/^https:\/\//);
      expect(f.source.year, f.key).toBeGreaterThanOrEqual(2015);
    }
  });

  it("scores every opportunity within 0–100", () => {
    for (const o of dataset.opportunities) {
      const s = scoreOpportunity(toScorable(o));
      expect(s.value.score).toBeGreaterThanOrEqual(0);
      expect(s.value.score).toBeLessThanOrEqual(100);
      expect(s.feasibility.score).toBeGreaterThanOrEqual(0);
      expect(s.feasibility.score).toBeLessThanOrEqual(100);
    }
  });
});

describe("the dataset schema rejects", () => {
  const rejects = (mutate: (d: Dataset) => void) => {
    const d = clone();
    mutate(d);
    return !ZDataset.safeParse(d).success;
  };

  it("accepts the bundled data unchanged", () => expect(rejects(() => {})).toBe(false));
  it("a missing factor rationale", () =>
    expect(rejects((d) => void ((d.opportunities[0]!.factors.growth as { rationale?: unknown }).rationale = undefined))).toBe(true));
  it("an untranslated Chinese text", () =>
    expect(rejects((d) => void (d.opportunities[0]!.title.zh = d.opportunities[0]!.title.en))).toBe(true));
  it("an estimate that does not say how it was made", () =>
    expect(
      rejects((d) => {
        const o = d.opportunities.find((x) => x.value.kind === "estimate")!;
        delete o.value.note;
      }),
    ).toBe(true));
  it("a source without a year", () =>
    expect(rejects((d) => void ((d.opportunities[0]!.value.source as { year?: number }).year = undefined))).toBe(true));
  it("a source on plain http", () =>
    expect(rejects((d) => void (d.opportunities[0]!.value.source.url = "http://example.com/report"))).toBe(true));
  it("a duplicate key", () => expect(rejects((d) => void (d.opportunities[1]!.key = d.opportunities[0]!.key))).toBe(true));
  it("an unknown facet id", () =>
    expect(rejects((d) => void ((d.opportunities[0]!.requiredProfile as Record<string, number>).charisma = 0.1))).toBe(true));
  it("an industry with fewer than the minimum", () =>
    expect(
      rejects((d) => {
        const keep = new Set(
          opportunitiesOf(d, "education")
            .slice(0, MIN_PER_INDUSTRY - 1)
            .map((o) => o.key),
        );
        d.opportunities = d.opportunities.filter((o) => o.industry !== "education" || keep.has(o.key));
      }),
    ).toBe(true));
  it("a factor score of 6", () => expect(rejects((d) => void (d.opportunities[0]!.factors.marketSize.score = 6))).toBe(true));
  it("fewer than two use cases", () => expect(rejects((d) => void d.opportunities[0]!.useCases.splice(1))).toBe(true));
});
