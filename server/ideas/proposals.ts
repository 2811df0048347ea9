import type { FacetId } from "@/server/assessment/facets";
import type { FactorScores } from "@/server/opportunities/dataset-schema";
import type { Importance } from "./assumption-status";

/**
 * Starting assumptions for an idea, proposed from the linked opportunity's factors and the
 * team's gaps. Pure: the text is a message key (ideas.proposals.*) the page translates, and the
 * founder accepts a proposal in their own words. `origin` is stable, so an accepted proposal is
 * not proposed again (and cannot be accepted twice: it is unique per idea).
 */
export interface Proposal {
  origin: string;
  kind: "desirability" | "feasibility" | "viability" | "team";
  importance: Importance;
  key: string;
  params: Record<string, string>;
}

/** Burden factors at or above this (1–5) raise an assumption; data availability at or below 2. */
const DEMANDING = 4;

export function proposeAssumptions(input: { factors: FactorScores | null; gaps: FacetId[]; title: string | null }): Proposal[] {
  const title = input.title ?? "";
  const out: Proposal[] = [
    { origin: "base:pain", kind: "desirability", importance: "critical", key: title ? "pain" : "painGeneric", params: { title } },
    { origin: "base:accuracy", kind: "feasibility", importance: "critical", key: "accuracy", params: {} },
    { origin: "base:margin", kind: "viability", importance: "high", key: "margin", params: {} },
  ];
  const f = input.factors;
  if (f) {
    if (f.regulatoryBurden >= DEMANDING)
      out.push({ origin: "factor:regulatoryBurden", kind: "viability", importance: "critical", key: "regulation", params: { title } });
    if (f.dataAvailability <= 2)
      out.push({ origin: "factor:dataAvailability", kind: "feasibility", importance: "critical", key: "data", params: {} });
    if (f.competitionIntensity >= DEMANDING)
      out.push({ origin: "factor:competitionIntensity", kind: "desirability", importance: "high", key: "switch", params: {} });
    if (f.technicalDifficulty >= DEMANDING)
      out.push({ origin: "factor:technicalDifficulty", kind: "feasibility", importance: "high", key: "hard", params: {} });
    if (f.capitalIntensity >= DEMANDING)
      out.push({ origin: "factor:capitalIntensity", kind: "viability", importance: "high", key: "capital", params: {} });
    if (f.timeToFirstRevenue >= DEMANDING)
      out.push({ origin: "factor:timeToFirstRevenue", kind: "viability", importance: "high", key: "revenue", params: {} });
  }
  for (const facet of input.gaps) out.push({ origin: `gap:${facet}`, kind: "team", importance: "high", key: "gap", params: { facet } });
  return out;
}
