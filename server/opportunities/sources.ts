import type { Dataset, Source } from "./dataset-schema";

export interface CitedSource extends Source {
  /** How many opportunities and headline figures cite it. */
  uses: number;
}

/**
 * Every source the dataset cites (opportunity value estimates and headline figures), once each,
 * sorted by publisher then year: what the methodology page lists under "Sources".
 */
export function citedSources(dataset: Dataset): CitedSource[] {
  const all = [
    ...dataset.opportunities.flatMap((o) => (o.value ? [o.value.source] : [])),
    ...dataset.crossIndustryFigures.map((f) => f.source),
    ...dataset.industries.flatMap((i) => i.figures.map((f) => f.source)),
  ];
  const byKey = new Map<string, CitedSource>();
  for (const source of all) {
    const key = `${source.name}|${source.title}|${source.year}|${source.url}`;
    const seen = byKey.get(key);
    if (seen) seen.uses++;
    else byKey.set(key, { ...source, uses: 1 });
  }
  return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name) || a.year - b.year || a.title.localeCompare(b.title));
}
