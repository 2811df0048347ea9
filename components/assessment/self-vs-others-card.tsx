"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Badge, Card, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { FACETS, type FacetId } from "@/server/assessment/facets";
import type { LocalizedText } from "@/server/assessment/instrument-schema";
import { GAP_THRESHOLD, MIN_RATERS, type FacetComparison } from "@/server/assessment/self-vs-others";

type Shown = Extract<FacetComparison, { status: "shown" }>;

const KIND_TONE = { hidden_strength: "good", blind_spot: "warn", aligned: "neutral" } as const;
const KIND_LINE = {
  hidden_strength: "bg-emerald-500",
  blind_spot: "bg-amber-500",
  aligned: "bg-fg-subtle",
} as const;

/**
 * Self vs others on the results page: a dot chart per facet (self, raters' mean, the raters'
 * range), the same figures as a table (the chart's text alternative), hidden strengths and blind
 * spots, and where to work first using others' view. Facets with fewer than three raters show no
 * mean, only how many more raters they need.
 */
export function SelfVsOthersCard({
  facetName,
  text,
  subjectId,
  subjectName,
}: {
  facetName: (f: FacetId) => string;
  text: (t: LocalizedText) => string;
  /** A teammate's aggregate (shared EVERYTHING); the viewer's own view when absent. */
  subjectId?: string;
  subjectName?: string;
}) {
  const t = useTranslations("assessment.raters.results");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const view = useQuery(trpc.raters.selfVsOthers.queryOptions({ workspaceId: ws.id, subjectId }));
  if (!view.data) return null;
  const { comparison, raterCount, focus, named } = view.data;
  const own = subjectId === undefined;
  // A teammate without raters: nothing to show (the team page would fill with empty cards).
  if (!own && raterCount === 0) return null;
  const shown = FACETS.filter((f) => comparison[f].status === "shown");
  const waiting = FACETS.filter((f) => comparison[f].status !== "shown");
  const of = (f: FacetId) => comparison[f] as Shown;
  const byKind = (kind: Shown["kind"]) => shown.filter((f) => of(f).kind === kind);
  const fmt = (n: number | null) => (n === null ? "–" : n.toFixed(1));
  const signed = (n: number | null) => (n === null ? "–" : `${n > 0 ? "+" : n < 0 ? "−" : "±"}${Math.abs(n).toFixed(1)}`);

  return (
    <Card className="mt-6" data-testid="self-vs-others">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <CardTitle>{own ? t("title") : t("titleTeammate", { name: subjectName ?? "" })}</CardTitle>
        {own && (
          <Link
            href={`/w/${ws.slug}/assessment/raters`}
            className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-200"
            data-testid="manage-raters"
          >
            {t("manage")}
          </Link>
        )}
      </div>
      <p className="mt-1 text-sm text-fg-muted">
        {t(own ? "intro" : "introTeammate", { min: MIN_RATERS, raters: raterCount, name: subjectName ?? "" })}
      </p>

      {raterCount === 0 ? (
        <p className="mt-3 text-sm">{own ? t("noneYet") : t("noneYetTeammate")}</p>
      ) : shown.length === 0 ? (
        <p className="mt-3 text-sm" data-testid="needs-raters">
          {t("noFacetYet", { min: MIN_RATERS })}
        </p>
      ) : (
        <>
          <figure className="mt-4">
            <figcaption className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-fg-muted">
              <span className="flex items-center gap-1">
                <span className="inline-block size-3 rounded-full border-2 border-fg bg-surface" aria-hidden /> {t("legendSelf")}
              </span>
              <span className="flex items-center gap-1">
                <span className="inline-block size-3 rounded-full bg-brand-600" aria-hidden /> {t("legendOthers")}
              </span>
              <span className="flex items-center gap-1">
                <span className="inline-block h-2 w-5 rounded bg-brand-200 dark:bg-brand-900" aria-hidden /> {t("legendRange")}
              </span>
            </figcaption>
            {/* The table below carries the same figures for screen readers. */}
            <ul className="space-y-3" aria-hidden data-testid="gap-chart">
              {shown.map((f) => {
                const c = of(f);
                const lo = c.self === null ? c.othersMean : Math.min(c.self, c.othersMean);
                const hi = c.self === null ? c.othersMean : Math.max(c.self, c.othersMean);
                return (
                  <li key={f} className="grid gap-1 sm:grid-cols-[12rem_1fr] sm:items-center sm:gap-3">
                    <span className="truncate text-xs">{facetName(f)}</span>
                    <div className="relative h-5 rounded bg-muted">
                      <span
                        className="absolute top-1.5 h-2 rounded bg-brand-200 dark:bg-brand-900"
                        style={{ left: `${c.spread.min}%`, width: `${Math.max(0.5, c.spread.max - c.spread.min)}%` }}
                      />
                      {c.kind && (
                        <span className={cn("absolute top-2 h-1", KIND_LINE[c.kind])} style={{ left: `${lo}%`, width: `${hi - lo}%` }} />
                      )}
                      <span
                        className="absolute top-1 size-3 -translate-x-1/2 rounded-full bg-brand-600"
                        style={{ left: `${c.othersMean}%` }}
                      />
                      {c.self !== null && (
                        <span
                          className="absolute top-1 size-3 -translate-x-1/2 rounded-full border-2 border-fg bg-surface"
                          style={{ left: `${c.self}%` }}
                        />
                      )}
                    </div>
                  </li>
                );
              })}
            </ul>
          </figure>

          <div className="mt-5 overflow-x-auto">
            <table className="w-full text-sm" data-testid="self-vs-others-table">
              <caption className="sr-only">{t("tableCaption", { min: MIN_RATERS })}</caption>
              <thead>
                <tr className="text-left text-xs text-fg-subtle">
                  <th className="py-2 pr-3 font-medium">{t("facet")}</th>
                  <th className="py-2 pr-3 text-right font-medium">{t("self")}</th>
                  <th className="py-2 pr-3 text-right font-medium">{t("others")}</th>
                  <th className="py-2 pr-3 text-right font-medium">{t("gap")}</th>
                  <th className="py-2 pr-3 text-right font-medium">{t("spread")}</th>
                  <th className="py-2 font-medium">
                    <span className="sr-only">{t("reading")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((f) => {
                  const c = of(f);
                  return (
                    <tr key={f} className="border-t border-border" data-testid={`svo-${f}`}>
                      <th scope="row" className="py-1.5 pr-3 text-left font-normal">
                        {facetName(f)}
                      </th>
                      <td className="py-1.5 pr-3 text-right tabular-nums">{fmt(c.self)}</td>
                      <td className="py-1.5 pr-3 text-right tabular-nums">
                        {fmt(c.othersMean)} <span className="text-xs text-fg-muted">{t("nRaters", { n: c.raters })}</span>
                      </td>
                      <td className="py-1.5 pr-3 text-right tabular-nums">{signed(c.gap)}</td>
                      <td className="py-1.5 pr-3 text-right text-xs tabular-nums text-fg-muted">
                        {t("spreadValue", { sd: c.spread.sd.toFixed(1), min: c.spread.min.toFixed(0), max: c.spread.max.toFixed(0) })}
                      </td>
                      <td className="py-1.5">{c.kind && <Badge tone={KIND_TONE[c.kind]}>{t(`kind_${c.kind}`)}</Badge>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="mt-2 text-xs text-fg-muted">{t("gapNote", { threshold: GAP_THRESHOLD })}</p>

          <div className="mt-5 grid gap-4 sm:grid-cols-2">
            <section aria-labelledby="svo-hidden">
              <h3 id="svo-hidden" className="text-sm font-semibold">
                {t("hiddenStrengths")}
              </h3>
              <p className="text-xs text-fg-muted">{t("hiddenStrengthsHelp")}</p>
              <ul className="mt-2 space-y-1 text-sm" data-testid="hidden-strengths">
                {byKind("hidden_strength").map((f) => (
                  <li key={f}>
                    {facetName(f)} <span className="tabular-nums text-fg-muted">({signed(of(f).gap)})</span>
                  </li>
                ))}
                {byKind("hidden_strength").length === 0 && <li className="text-fg-muted">{t("noneOfKind")}</li>}
              </ul>
            </section>
            <section aria-labelledby="svo-blind">
              <h3 id="svo-blind" className="text-sm font-semibold">
                {t("blindSpots")}
              </h3>
              <p className="text-xs text-fg-muted">{t("blindSpotsHelp")}</p>
              <ul className="mt-2 space-y-1 text-sm" data-testid="svo-blind-spots">
                {byKind("blind_spot").map((f) => (
                  <li key={f}>
                    {facetName(f)} <span className="tabular-nums text-fg-muted">({signed(of(f).gap)})</span>
                  </li>
                ))}
                {byKind("blind_spot").length === 0 && <li className="text-fg-muted">{t("noneOfKind")}</li>}
              </ul>
            </section>
          </div>
        </>
      )}

      {waiting.length > 0 && raterCount > 0 && (
        <details className="mt-4 text-sm">
          <summary className="cursor-pointer text-fg-muted">{t("waitingTitle", { count: waiting.length })}</summary>
          <ul className="mt-2 space-y-1" data-testid="waiting-facets">
            {waiting.map((f) => (
              <li key={f} className="flex justify-between gap-3" data-testid={`waiting-${f}`}>
                <span>{facetName(f)}</span>
                <span className="text-fg-muted">
                  {comparison[f].status === "needs_one_more"
                    ? t("needsOneMore")
                    : t("raterProgress", { n: comparison[f].raters, min: MIN_RATERS })}
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}

      {focus && focus.length > 0 && shown.length > 0 && (
        <section className="mt-6" aria-labelledby="svo-focus">
          <h3 id="svo-focus" className="text-sm font-semibold">
            {t("focusTitle")}
          </h3>
          <p className="text-xs text-fg-muted">{t("focusHelp")}</p>
          <div className="mt-3 grid gap-3 md:grid-cols-3" data-testid="svo-focus">
            {focus.map((item) => (
              <div key={item.facet} className="rounded-md border border-border p-3">
                <p className="flex items-center justify-between gap-2 text-sm font-medium">
                  {facetName(item.facet)}
                  <span className="text-xs font-normal text-fg-muted">
                    {t(item.source === "others" ? "fromOthers" : "fromSelf", { score: item.score.toFixed(1) })}
                  </span>
                </p>
                <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
                  {item.tips.map((tip) => (
                    <li key={tip.en}>{text(tip)}</li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </section>
      )}

      {named.length > 0 && (
        <details className="mt-5 text-sm" data-testid="named-ratings">
          <summary className="cursor-pointer font-medium">{t("namedTitle", { count: named.length })}</summary>
          <p className="mt-1 text-xs text-fg-muted">{t("namedHelp")}</p>
          {named.map((n) => (
            <div key={n.name} className="mt-3">
              <p className="font-medium">{n.name}</p>
              <ul className="mt-1 grid gap-x-4 sm:grid-cols-2">
                {FACETS.filter((f) => n.facetScores[f] !== undefined).map((f) => (
                  <li key={f} className="flex justify-between gap-3 border-b border-border py-0.5">
                    <span>{facetName(f)}</span>
                    <span className="tabular-nums">{n.facetScores[f]!.toFixed(1)}</span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </details>
      )}
    </Card>
  );
}
