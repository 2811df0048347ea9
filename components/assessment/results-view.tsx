"use client";

import { skipToken, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { BackLink } from "@/components/ui/back-link";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Alert, Card, CardTitle, PageHeader } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { useErrorMessage } from "@/components/ui/errors";
import { DIMENSIONS, FACETS, FACETS_BY_DIMENSION, type FacetId } from "@/server/assessment/facets";
import { FacetRadar } from "./facet-radar";
import { SelfVsOthersCard } from "./self-vs-others-card";
import { useInstrumentText } from "./labels";
import { BandBadge, BandThresholds, ChangeValue, ScoreBar } from "./score-bits";

const linkButton =
  "inline-flex h-10 items-center justify-center rounded-md border border-border bg-surface px-4 text-sm font-medium hover:bg-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500";

export function ResultsView({ attemptId }: { attemptId: string }) {
  const t = useTranslations("assessment.results");
  const format = useFormatter();
  const ws = useWorkspace();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const errorMessage = useErrorMessage("assessment.errors");
  const base = `/w/${ws.slug}/assessment`;

  const attempt = useQuery(trpc.assessment.result.queryOptions({ workspaceId: ws.id, attemptId }));
  const instrument = useQuery({
    ...trpc.assessment.instrument.queryOptions(attempt.data ? { workspaceId: ws.id, version: attempt.data.instrumentVersion } : skipToken),
    staleTime: Infinity,
  });
  const history = useQuery(trpc.assessment.history.queryOptions({ workspaceId: ws.id }));
  const [baselineId, setBaselineId] = useState("");
  const compare = useQuery(trpc.assessment.compare.queryOptions(baselineId ? { workspaceId: ws.id, attemptId, baselineId } : skipToken));
  const labels = useInstrumentText(instrument.data);
  const [exportError, setExportError] = useState<unknown>(null);

  if (attempt.error) return <Alert>{errorMessage(attempt.error)}</Alert>;
  if (!attempt.data || !instrument.data) return <p className="text-sm text-fg-muted">…</p>;

  const { result, completedAt, instrumentVersion } = attempt.data;
  const comparison = compare.data?.comparison;
  // Across versions, facet changes come from the items both versions share (like for like).
  const shared = compare.data?.sharedItems ?? null;
  const baselineDate = compare.data ? format.dateTime(compare.data.baseline.completedAt, { dateStyle: "medium" }) : "";
  const others = (history.data ?? []).filter((h) => h.id !== attemptId);
  // Facets scored from fewer items because some were answered "not applicable yet".
  const fewItems = (f: FacetId) => {
    const count = result.facetItems?.[f];
    return count && count.scored < count.total ? count : null;
  };

  const exportCsv = async () => {
    setExportError(null);
    try {
      const { filename, csv } = await qc.fetchQuery(
        trpc.assessment.exportCsv.queryOptions({ workspaceId: ws.id, attemptId, locale: labels.locale }),
      );
      // The byte-order mark makes spreadsheet apps read the Chinese text as UTF-8.
      const url = URL.createObjectURL(new Blob(["\uFEFF", csv], { type: "text/csv;charset=utf-8" }));
      const a = Object.assign(document.createElement("a"), { href: url, download: filename });
      document.body.append(a);
      a.click();
      a.remove();
      URL.revokeObjectURL(url);
    } catch (error) {
      setExportError(error);
    }
  };

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("completedOn", {
          date: format.dateTime(completedAt, { dateStyle: "long", timeStyle: "short" }),
          version: instrumentVersion,
        })}
        actions={
          <>
            <Button variant="secondary" onClick={() => void exportCsv()}>
              {t("exportCsv")}
            </Button>
            <Link href={`${base}/results/${attemptId}/print`} className={linkButton}>
              {t("print")}
            </Link>
          </>
        }
      />
      {exportError !== null && <Alert className="mb-4">{errorMessage(exportError)}</Alert>}
      <p className="mb-6 text-sm text-fg-muted">{t("notAScore")}</p>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <CardTitle>{t("radarTitle")}</CardTitle>
            {others.length > 0 && (
              <label className="flex items-center gap-2 text-sm">
                <span className="whitespace-nowrap">{t("compareLabel")}</span>
                <Select
                  value={baselineId}
                  onChange={(e) => setBaselineId(e.target.value)}
                  className="h-8 w-auto"
                  data-testid="compare-select"
                >
                  <option value="">{t("compareNone")}</option>
                  {others.map((h) => (
                    <option key={h.id} value={h.id}>
                      {t("compareOption", { date: format.dateTime(h.completedAt, { dateStyle: "medium", timeStyle: "short" }) })}
                    </option>
                  ))}
                </Select>
              </label>
            )}
          </div>
          <p className="mt-1 text-xs text-fg-subtle">{t("radarHelp")}</p>
          <FacetRadar
            data={FACETS.map((f) => ({ facet: labels.facetName(f), now: result.facetScores[f], then: comparison?.facets[f].before }))}
            nowLabel={t("compareLegendNow")}
            thenLabel={comparison ? t("compareLegendThen", { date: baselineDate }) : undefined}
          />
          {comparison && !comparison.sameInstrument && (
            <Alert tone="info">
              {t("compareDifferentVersion")} {shared && t("compareSharedItems", { count: shared.sharedItems })}
            </Alert>
          )}
        </Card>

        <Card>
          <CardTitle>{t("dimensionsTitle")}</CardTitle>
          <ul className="mt-4 space-y-4" data-testid="dimension-scores">
            {DIMENSIONS.map((d) => (
              <li key={d} className="space-y-1.5">
                <div className="flex items-center justify-between gap-2 text-sm">
                  <span className="font-medium">{labels.dimensionName(d)}</span>
                  <span className="flex items-center gap-2 tabular-nums">
                    {result.dimensionScores[d].toFixed(1)}
                    {comparison && <ChangeValue change={comparison.dimensions[d].change} />}
                    <BandBadge band={result.dimensionBands[d]} />
                  </span>
                </div>
                <ScoreBar score={result.dimensionScores[d]} previous={comparison?.dimensions[d].before} label={labels.dimensionName(d)} />
              </li>
            ))}
          </ul>
          <div className="mt-4">
            <BandThresholds />
          </div>

          <h3 className="mt-6 text-sm font-semibold">{t("strengthsTitle")}</h3>
          <ol className="mt-2 space-y-1 text-sm" data-testid="strengths">
            {result.strengths.map((s) => (
              <li key={s.facet} className="flex items-center justify-between gap-2">
                <span>{labels.facetName(s.facet)}</span>
                <span className="flex items-center gap-2 tabular-nums">
                  {s.score.toFixed(1)} <BandBadge band={s.band} />
                </span>
              </li>
            ))}
          </ol>
        </Card>
      </div>

      <Card className="mt-6">
        <CardTitle>{t("blindSpotsTitle")}</CardTitle>
        <p className="mt-1 text-sm text-fg-muted">{t("blindSpotsHelp")}</p>
        <div className="mt-4 grid gap-4 md:grid-cols-3" data-testid="blind-spots">
          {result.blindSpots.map((b) => (
            <section
              key={b.facet}
              className="rounded-md border border-border p-4"
              aria-label={t("tipsFor", { facet: labels.facetName(b.facet) })}
            >
              <div className="flex items-center justify-between gap-2">
                <h3 className="text-sm font-semibold">{labels.facetName(b.facet)}</h3>
                <span className="flex items-center gap-2 text-sm tabular-nums">
                  {b.score.toFixed(1)} <BandBadge band={b.band} />
                </span>
              </div>
              <p className="mt-1 text-xs text-fg-muted">{labels.facetDescription(b.facet)}</p>
              <ul className="mt-3 list-disc space-y-2 pl-5 text-sm" data-testid="tips">
                {b.tips.map((tip) => (
                  <li key={tip.en}>{labels.text(tip)}</li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      </Card>

      <Card className="mt-6">
        <CardTitle>{t("facetsTitle")}</CardTitle>
        <div className="mt-4 overflow-x-auto">
          <table className="w-full text-sm" data-testid="facet-table">
            <thead>
              <tr className="text-left text-xs text-fg-subtle">
                <th className="py-2 pr-3 font-medium">{t("facet")}</th>
                <th className="w-1/3 py-2 pr-3 font-medium">
                  <span className="sr-only">{t("score")}</span>
                </th>
                <th className="py-2 pr-3 text-right font-medium">{t("score")}</th>
                <th className="py-2 pr-3 font-medium">{t("band")}</th>
                {comparison && <th className="py-2 text-right font-medium">{t("change")}</th>}
              </tr>
            </thead>
            {DIMENSIONS.map((d) => (
              <tbody key={d} className="border-t border-border">
                <tr>
                  <th
                    colSpan={comparison ? 5 : 4}
                    scope="rowgroup"
                    className="pt-3 pb-1 text-left text-xs font-semibold uppercase tracking-wide text-fg-muted"
                  >
                    {labels.dimensionName(d)}
                  </th>
                </tr>
                {FACETS_BY_DIMENSION[d].map((f) => (
                  <tr key={f}>
                    <th scope="row" className="py-1.5 pr-3 text-left font-normal">
                      {labels.facetName(f)}
                      {fewItems(f) && (
                        <span className="block text-xs text-fg-muted" data-testid={`few-items-${f}`}>
                          {t("fewItems", { scored: fewItems(f)?.scored ?? 0, total: fewItems(f)?.total ?? 0 })}
                        </span>
                      )}
                    </th>
                    <td className="py-1.5 pr-3">
                      <ScoreBar score={result.facetScores[f]} previous={comparison?.facets[f].before} label={labels.facetName(f)} />
                    </td>
                    <td className="py-1.5 pr-3 text-right tabular-nums">{result.facetScores[f].toFixed(1)}</td>
                    <td className="py-1.5 pr-3">
                      <BandBadge band={result.facetBands[f]} />
                    </td>
                    {comparison && (
                      <td className="py-1.5 text-right" data-testid={`change-${f}`}>
                        {!shared ? (
                          <ChangeValue change={comparison.facets[f].change} />
                        ) : shared.facets[f] ? (
                          <ChangeValue change={shared.facets[f].change} />
                        ) : (
                          <span className="text-fg-subtle">–</span>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
        {FACETS.some((f) => fewItems(f)) && <p className="mt-3 text-xs text-fg-muted">{t("fewItemsNote")}</p>}
      </Card>

      <SelfVsOthersCard facetName={labels.facetName} text={labels.text} />

      <ReferenceGroupCard attemptId={attemptId} facetName={labels.facetName} />

      <BackLink href={base}>{t("back")}</BackLink>
    </>
  );
}

/** Percentiles against the anonymous pool of completed attempts on this server, with its caveat. */
function ReferenceGroupCard({ attemptId, facetName }: { attemptId: string; facetName: (f: FacetId) => string }) {
  const t = useTranslations("assessment.results");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const group = useQuery(trpc.assessment.referenceGroup.queryOptions({ workspaceId: ws.id, attemptId }));
  if (!group.data) return null;
  const { n, minPool, percentiles } = group.data;
  return (
    <Card className="mt-6" data-testid="reference-group">
      <CardTitle>{t("referenceTitle")}</CardTitle>
      {percentiles ? (
        <>
          <p className="mt-2 text-xs text-fg-muted">{t("referenceCaveat", { n })}</p>
          <ul className="mt-3 grid gap-1 text-sm sm:grid-cols-2">
            {FACETS.map((f) => (
              <li key={f} className="flex justify-between gap-3 border-b border-border py-1">
                <span>{facetName(f)}</span>
                <span className="tabular-nums text-fg-muted">{t("referencePercentile", { percentile: percentiles[f] })}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="mt-2 text-sm text-fg-muted">{t("referenceTooFew", { min: minPool, n })}</p>
      )}
    </Card>
  );
}
