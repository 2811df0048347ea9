"use client";

import { useLocale } from "next-intl";
import type { DimensionId, FacetId } from "@/server/assessment/facets";
import type { LocalizedText } from "@/server/assessment/instrument-schema";
import { asLocale } from "@/server/i18n/locale";

interface NamedInstrument {
  dimensions: { id: DimensionId; name: LocalizedText; facets: { id: FacetId; name: LocalizedText; description: LocalizedText }[] }[];
}

/** Instrument content carries its own { en, zh }; this picks the UI's language. */
export function useInstrumentText(instrument: NamedInstrument | undefined) {
  const locale = asLocale(useLocale());
  const text = (t: LocalizedText) => t[locale];
  const dimension = new Map(instrument?.dimensions.map((d) => [d.id, d]) ?? []);
  const facet = new Map(instrument?.dimensions.flatMap((d) => d.facets.map((f) => [f.id, f] as const)) ?? []);
  return {
    locale,
    text,
    dimensionName: (id: DimensionId) => (dimension.get(id) ? text(dimension.get(id)!.name) : id),
    facetName: (id: FacetId) => (facet.get(id) ? text(facet.get(id)!.name) : id),
    facetDescription: (id: FacetId) => (facet.get(id) ? text(facet.get(id)!.description) : ""),
  };
}
