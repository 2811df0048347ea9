import type { FacetId } from "@/server/assessment/facets";
import type { FactorKey, IndustryId, LocalizedText, Opportunity, Stage } from "./dataset-schema";
import type { ScorableOpportunity } from "./scoring";
import type { Locale } from "@/server/i18n/locale";

/**
 * One shape for curated and workspace-made opportunities, as the UI shows them. Curated texts
 * are `{ en, zh }`; a workspace's own are written in one language and arrive as plain strings.
 */
export type Text = LocalizedText | string;

export interface ValueView {
  low: number;
  high: number;
  basis: Text;
  kind: "published" | "estimate";
  source: { name: string; title: string; url: string | null; year: number };
  note: Text | null;
}

export interface OpportunityView {
  /** The curated key, or the custom opportunity's id. */
  ref: string;
  kind: "curated" | "custom";
  industry: IndustryId;
  title: Text;
  description: Text;
  useCases: Text[];
  customers: Text;
  stage: Stage;
  value: ValueView | null;
  factors: Record<FactorKey, { score: number; rationale: Text }>;
  requiredProfile: Partial<Record<FacetId, number>>;
  archived: boolean;
  /** Custom opportunities: the version an editor opens, sent back on save (server/edits.ts). */
  updatedAt?: Date;
}

export function curatedToView(o: Opportunity): OpportunityView {
  return {
    ref: o.key,
    kind: "curated",
    industry: o.industry,
    title: o.title,
    description: o.description,
    useCases: o.useCases,
    customers: o.customers,
    stage: o.stage,
    value: { ...o.value, source: { ...o.value.source }, note: o.value.note ?? null },
    factors: o.factors,
    requiredProfile: o.requiredProfile,
    archived: false,
  };
}

export function viewToScorable(v: OpportunityView): ScorableOpportunity {
  const factors = Object.fromEntries(Object.entries(v.factors).map(([k, f]) => [k, f.score])) as Record<FactorKey, number>;
  return { stage: v.stage, factors, value: v.value ? { low: v.value.low, high: v.value.high } : null, requiredProfile: v.requiredProfile };
}

export function textIn(t: Text, locale: Locale): string {
  return typeof t === "string" ? t : t[locale];
}
