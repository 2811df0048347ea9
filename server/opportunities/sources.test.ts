import { describe, expect, it } from "vitest";
import { bundledDataset } from "./dataset";
import { citedSources } from "./sources";

describe("the sources the methodology page lists", () => {
  const dataset = bundledDataset();
  const sources = citedSources(dataset);

  it("lists every cited source once, each with a year and an https link", () => {
    const keys = sources.map((s) => `${s.name}|${s.title}|${s.year}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const s of sources) {
      expect(s.url).toMatch(/^https:\/\//);
      expect(s.year).toBeGreaterThanOrEqual(2000);
    }
  });

  it("accounts for every opportunity's value source and every headline figure", () => {
    const cited = dataset.opportunities.filter((o) => o.value).length + dataset.crossIndustryFigures.length;
    const figures = dataset.industries.reduce((n, i) => n + i.figures.length, 0);
    expect(sources.reduce((n, s) => n + s.uses, 0)).toBe(cited + figures);
  });
});
