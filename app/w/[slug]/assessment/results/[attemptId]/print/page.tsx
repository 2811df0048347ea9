import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { PrintButton } from "@/components/assessment/print-button";
import { DIMENSIONS, FACETS_BY_DIMENSION } from "@/server/assessment/facets";
import type { LocalizedText } from "@/server/assessment/instrument-schema";
import { BAND_THRESHOLDS } from "@/server/assessment/scoring";
import { requireWorkspace } from "@/server/next/workspace-page";
import { asLocale } from "@/server/i18n/locale";

/**
 * The printable report: plain HTML and CSS bars (no charts), so the browser's print and
 * "save as PDF" render it the same everywhere; the app's navigation is hidden by `.no-print`.
 */
export default async function Page({ params }: { params: Promise<{ slug: string; attemptId: string }> }) {
  const { slug, attemptId } = await params;
  const { caller, workspace, user } = await requireWorkspace(slug);
  const attempt = await caller.assessment.result({ workspaceId: workspace.id, attemptId }).catch((e: unknown) => {
    if (e instanceof TRPCError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const instrument = await caller.assessment.instrument({ workspaceId: workspace.id, version: attempt.instrumentVersion });
  const locale = asLocale(await getLocale());
  const t = await getTranslations("assessment");
  const format = await getFormatter();
  const text = (l: LocalizedText) => l[locale];
  const dimensionName = new Map(instrument.dimensions.map((d) => [d.id, text(d.name)]));
  const facetName = new Map(instrument.dimensions.flatMap((d) => d.facets.map((f) => [f.id, text(f.name)] as const)));
  const { result } = attempt;

  const bar = (score: number) => (
    <div className="h-2.5 w-full rounded-full border border-gray-400 bg-white">
      <div
        className="h-full rounded-full bg-gray-700"
        style={{ width: `${score}%`, printColorAdjust: "exact", WebkitPrintColorAdjust: "exact" }}
      />
    </div>
  );

  return (
    <article className="mx-auto max-w-3xl bg-white p-6 text-black print:max-w-none print:p-0" data-testid="print-report">
      <header className="flex items-start justify-between gap-4 border-b border-gray-300 pb-4">
        <div>
          <h1 className="text-2xl font-semibold">{t("report.title")}</h1>
          <p className="mt-1 text-sm text-gray-700">{t("report.for", { name: user.name ?? user.email, workspace: workspace.name })}</p>
          <p className="text-sm text-gray-700">
            {t("results.completedOn", {
              date: format.dateTime(attempt.completedAt, { dateStyle: "long" }),
              version: attempt.instrumentVersion,
            })}
          </p>
        </div>
        <PrintButton label={t("report.printButton")} />
      </header>

      <section className="mt-6 break-inside-avoid">
        <h2 className="text-lg font-semibold">{t("results.dimensionsTitle")}</h2>
        <table className="mt-2 w-full text-sm">
          <tbody>
            {DIMENSIONS.map((d) => (
              <tr key={d}>
                <th scope="row" className="w-1/3 py-1 pr-3 text-left font-medium">
                  {dimensionName.get(d)}
                </th>
                <td className="py-1 pr-3">{bar(result.dimensionScores[d])}</td>
                <td className="w-16 py-1 pr-3 text-right tabular-nums">{result.dimensionScores[d].toFixed(1)}</td>
                <td className="w-24 py-1">{t(`bands.${result.dimensionBands[d]}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-2 text-xs text-gray-600">
          {t("bandThresholds", { moderate: BAND_THRESHOLDS.moderate, high: BAND_THRESHOLDS.high, highMinus: BAND_THRESHOLDS.high - 0.1 })}
        </p>
      </section>

      <section className="mt-6 grid grid-cols-2 gap-6 break-inside-avoid">
        <div>
          <h2 className="text-lg font-semibold">{t("results.strengthsTitle")}</h2>
          <ol className="mt-2 list-decimal pl-5 text-sm">
            {result.strengths.map((s) => (
              <li key={s.facet}>
                {facetName.get(s.facet)} — {s.score.toFixed(1)} ({t(`bands.${s.band}`)})
              </li>
            ))}
          </ol>
        </div>
        <div>
          <h2 className="text-lg font-semibold">{t("results.blindSpotsTitle")}</h2>
          <ol className="mt-2 list-decimal pl-5 text-sm">
            {result.blindSpots.map((b) => (
              <li key={b.facet}>
                {facetName.get(b.facet)} — {b.score.toFixed(1)} ({t(`bands.${b.band}`)})
              </li>
            ))}
          </ol>
        </div>
      </section>

      <section className="mt-6">
        <h2 className="text-lg font-semibold">{t("results.facetsTitle")}</h2>
        {DIMENSIONS.map((d) => (
          <table key={d} className="mt-3 w-full break-inside-avoid text-sm">
            <caption className="text-left text-xs font-semibold uppercase tracking-wide text-gray-600">{dimensionName.get(d)}</caption>
            <tbody>
              {FACETS_BY_DIMENSION[d].map((f) => (
                <tr key={f}>
                  <th scope="row" className="w-1/3 py-1 pr-3 text-left font-normal">
                    {facetName.get(f)}
                  </th>
                  <td className="py-1 pr-3">{bar(result.facetScores[f])}</td>
                  <td className="w-16 py-1 pr-3 text-right tabular-nums">{result.facetScores[f].toFixed(1)}</td>
                  <td className="w-24 py-1">{t(`bands.${result.facetBands[f]}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </section>

      <section className="mt-6">
        <h2 className="text-lg font-semibold">{t("results.blindSpotsTitle")}</h2>
        <p className="text-sm text-gray-700">{t("results.blindSpotsHelp")}</p>
        {result.blindSpots.map((b) => (
          <div key={b.facet} className="mt-3 break-inside-avoid">
            <h3 className="font-medium">{t("results.tipsFor", { facet: facetName.get(b.facet) ?? b.facet })}</h3>
            <ul className="mt-1 list-disc pl-5 text-sm">
              {b.tips.map((tip) => (
                <li key={tip.en}>{text(tip)}</li>
              ))}
            </ul>
          </div>
        ))}
      </section>

      <footer className="mt-8 border-t border-gray-300 pt-3 text-xs text-gray-600">
        <p>{t("report.method")}</p>
        <p className="mt-1">{t("results.notAScore")}</p>
      </footer>
    </article>
  );
}
