import { csvDocument } from "@/server/csv";
import type { DbTx } from "@/server/db";
import { recordAudit } from "@/server/workspaces/audit";
import { getResult } from "./attempts";
import type { DimensionId, FacetId } from "./facets";
import { DIMENSIONS, FACETS_BY_DIMENSION } from "./facets";
import type { Instrument } from "./instrument-schema";
import { loadInstrument } from "./instrument-store";
import type { AssessmentResult } from "./scoring";
import type { Locale } from "@/server/i18n/locale";

/**
 * A founder's own result as CSV: one row per dimension and per facet, then the strengths and
 * blind spots with their development actions, in the chosen language.
 */
export function resultCsv(
  result: AssessmentResult,
  instrument: Instrument,
  { locale, completedAt }: { locale: Locale; completedAt: Date },
): string {
  const dimension = new Map(instrument.dimensions.map((d) => [d.id, d]));
  const facet = new Map(instrument.dimensions.flatMap((d) => d.facets.map((f) => [f.id, f] as const)));
  const nameOfDimension = (id: DimensionId) => dimension.get(id)?.name[locale] ?? id;
  const nameOfFacet = (id: FacetId) => facet.get(id)?.name[locale] ?? id;
  const when = completedAt.toISOString();

  const rows: (string | number)[][] = [
    ["kind", "id", "name", "dimension", "score", "band", "rank", "tip", "completed_at", "instrument_version"],
  ];
  for (const d of DIMENSIONS) {
    rows.push([
      "dimension",
      d,
      nameOfDimension(d),
      "",
      result.dimensionScores[d],
      result.dimensionBands[d],
      "",
      "",
      when,
      result.instrumentVersion,
    ]);
    for (const f of FACETS_BY_DIMENSION[d]) {
      rows.push(["facet", f, nameOfFacet(f), d, result.facetScores[f], result.facetBands[f], "", "", when, result.instrumentVersion]);
    }
  }
  result.strengths.forEach((s, i) => {
    rows.push(["strength", s.facet, nameOfFacet(s.facet), s.dimension, s.score, s.band, i + 1, "", when, result.instrumentVersion]);
  });
  result.blindSpots.forEach((b, i) => {
    b.tips.forEach((tip) => {
      rows.push([
        "blind_spot",
        b.facet,
        nameOfFacet(b.facet),
        b.dimension,
        b.score,
        b.band,
        i + 1,
        tip[locale],
        when,
        result.instrumentVersion,
      ]);
    });
  });
  return csvDocument(rows);
}

/** The CSV download of one of the founder's own completed attempts. */
export async function exportOwnResultCsv(
  db: DbTx,
  input: { workspaceId: string; userId: string; attemptId: string; locale: Locale },
): Promise<{ filename: string; csv: string }> {
  const attempt = await getResult(db, input);
  const instrument = await loadInstrument(db, attempt.instrumentVersion);
  const date = attempt.completedAt.toISOString().slice(0, 10);
  await recordAudit(db, {
    workspaceId: input.workspaceId,
    actorId: input.userId,
    action: "assessment.exported",
    targetType: "attempt",
    targetId: input.attemptId,
  });
  return {
    filename: `venturelens-assessment-${date}.csv`,
    csv: resultCsv(attempt.result, instrument, { locale: input.locale, completedAt: attempt.completedAt }),
  };
}
