"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, Star } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useTRPC } from "@/components/trpc/react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Badge, Card, CardTitle, PageHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Input, Select } from "@/components/ui/field";
import { FACTORS, STAGES, type FactorKey, type IndustryId, type Stage } from "@/server/opportunities/dataset-schema";
import { priorityScore, type PriorityWeights } from "@/server/opportunities/scoring";
import { FitBasisBar, LinkButton } from "./bits";
import { DEFAULT_SORT, filterAndSort, toggleSort, type SortKey, type SortOrder } from "./industry-filters";
import { fitColour, pick, score, usdRange } from "./labels";
import { PriorityMatrix } from "./priority-matrix";
import { useFitBasis } from "./use-fit-basis";
import { WeightsPanel } from "./weights-panel";
import { asLocale } from "@/server/i18n/locale";
import { ScrollRegion } from "@/components/ui/scroll-region";

export function IndustryDashboard({ industry }: { industry: IndustryId }) {
  const t = useTranslations("opportunities");
  const locale = asLocale(useLocale());
  const ws = useWorkspace();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [basis, setBasis, basisQuery] = useFitBasis();
  const [showArchived, setShowArchived] = useState(false);
  const list = useQuery(trpc.opportunities.list.queryOptions({ workspaceId: ws.id, basis, industry, includeArchived: showArchived }));
  const overview = useQuery(trpc.opportunities.overview.queryOptions({ workspaceId: ws.id, basis }));
  const industryInfo = overview.data?.industries.find((i) => i.id === industry);

  const [draftWeights, setDraftWeights] = useState<PriorityWeights | null>(null);
  const saved = list.data?.weights;
  const weights = useMemo(() => draftWeights ?? saved ?? { value: 1, feasibility: 1, fit: 1 }, [draftWeights, saved]);

  const [search, setSearch] = useState("");
  const [stage, setStage] = useState<Stage | "">("");
  const [factor, setFactor] = useState<FactorKey | "">("");
  const [factorMin, setFactorMin] = useState(1);
  const [fitMin, setFitMin] = useState(0);
  const [starredOnly, setStarredOnly] = useState(false);
  const [sort, setSort] = useState<SortOrder>(DEFAULT_SORT);
  // The opportunity pointed at in the matrix or the table; both show the pair.
  const [highlight, setHighlight] = useState<string | null>(null);

  const star = useMutation(
    trpc.opportunities.setStar.mutationOptions({
      onSuccess: () => {
        void qc.invalidateQueries({ queryKey: trpc.opportunities.list.queryKey() });
        void qc.invalidateQueries({ queryKey: trpc.opportunities.overview.queryKey() });
      },
    }),
  );

  const rows = useMemo(() => {
    const all = (list.data?.rows ?? []).map((r) => ({
      ...r,
      priority: priorityScore(r.scores, weights).score,
      titleText: pick(r.title, locale),
    }));
    return filterAndSort(all, { search, stage, factor, factorMin, fitMin, starredOnly }, sort, locale);
  }, [list.data, weights, locale, search, stage, factor, factorMin, fitMin, starredOnly, sort]);

  const base = `/w/${ws.slug}/opportunities`;
  const header = (key: SortKey, label: string, numeric = true) => {
    const active = sort.key === key;
    return (
      <th
        scope="col"
        aria-sort={active ? (sort.dir === 1 ? "ascending" : "descending") : "none"}
        className={cn("px-2 py-2 font-medium", numeric && "text-right")}
      >
        <button
          type="button"
          className="inline-flex items-center gap-1 hover:text-fg"
          onClick={() => setSort(toggleSort(sort, key, numeric))}
        >
          {label}
          <span aria-hidden>{active ? (sort.dir === 1 ? "▲" : "▼") : ""}</span>
        </button>
      </th>
    );
  };

  return (
    <>
      <Link href={`${base}${basisQuery}`} className="mb-3 inline-flex items-center gap-1 text-sm text-fg-muted hover:text-fg">
        <ArrowLeft className="size-4" aria-hidden /> {t("dashboard.back")}
      </Link>
      <PageHeader
        title={industryInfo ? industryInfo.name[locale] : t(`industry.${industry}`)}
        description={industryInfo?.summary[locale]}
        actions={
          ws.can("opportunity.write") ? <LinkButton href={`${base}/new?industry=${industry}`}>{t("overview.new")}</LinkButton> : undefined
        }
      />
      <FitBasisBar className="mb-4" basis={basis} onChange={setBasis} hasProfile={list.data?.hasProfile} workspaceSlug={ws.slug} />

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <Card>
          <CardTitle>{t("dashboard.matrixTitle")}</CardTitle>
          <p className="mt-1 text-xs text-fg-muted">{t("dashboard.matrixHelp")}</p>
          <PriorityMatrix
            points={rows.map((r) => ({
              id: r.ref,
              title: r.titleText,
              value: r.scores.value,
              feasibility: r.scores.feasibility,
              marketSize: r.factors.marketSize ?? 3,
              fit: r.scores.fit,
              priority: r.priority,
              href: `${base}/item/${encodeURIComponent(r.ref)}${basisQuery}`,
            }))}
            labels={{
              value: t("score.value"),
              feasibility: t("score.feasibility"),
              fit: t("score.fit"),
              priority: t("score.priority"),
              marketSize: t("factor.marketSize"),
              chart: t("dashboard.matrixTitle"),
              fitLegend: t("dashboard.fitLegend"),
              noFit: t("dashboard.noFit"),
              quickWins: t("dashboard.quickWins"),
              bigBets: t("dashboard.bigBets"),
              fillIns: t("dashboard.fillIns"),
              moneyPits: t("dashboard.moneyPits"),
            }}
            highlight={highlight}
            onHighlight={setHighlight}
          />
        </Card>
        {saved && <WeightsPanel weights={weights} saved={saved} onChange={setDraftWeights} />}
      </div>

      <Card className="mt-4">
        <CardTitle>{t("dashboard.tableTitle")}</CardTitle>
        <div className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-6">
          <label className="text-xs text-fg-muted lg:col-span-2">
            {t("filters.search")}
            <Input
              data-testid="filter-search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder={t("filters.searchPlaceholder")}
            />
          </label>
          <label className="text-xs text-fg-muted">
            {t("filters.stage")}
            <Select data-testid="filter-stage" value={stage} onChange={(e) => setStage(e.target.value as Stage | "")}>
              <option value="">{t("filters.allStages")}</option>
              {STAGES.map((s) => (
                <option key={s} value={s}>
                  {t(`stage.${s}`)}
                </option>
              ))}
            </Select>
          </label>
          <label className="text-xs text-fg-muted">
            {t("filters.factor")}
            <Select data-testid="filter-factor" value={factor} onChange={(e) => setFactor(e.target.value as FactorKey | "")}>
              <option value="">{t("filters.anyFactor")}</option>
              {FACTORS.map((f) => (
                <option key={f} value={f}>
                  {t(`factor.${f}`)}
                </option>
              ))}
            </Select>
          </label>
          <label className="text-xs text-fg-muted">
            {t("filters.factorMin")}
            <Select
              data-testid="filter-factor-min"
              value={factorMin}
              disabled={!factor}
              onChange={(e) => setFactorMin(Number(e.target.value))}
            >
              {[1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={n}>
                  ≥ {n}
                </option>
              ))}
            </Select>
          </label>
          <label className="text-xs text-fg-muted">
            {t("filters.fitMin")}
            <Select data-testid="filter-fit-min" value={fitMin} onChange={(e) => setFitMin(Number(e.target.value))}>
              {[0, 40, 50, 60, 70].map((n) => (
                <option key={n} value={n}>
                  {n === 0 ? t("filters.anyFit") : `≥ ${n}`}
                </option>
              ))}
            </Select>
          </label>
        </div>
        <div className="mt-2 flex flex-wrap gap-4 text-sm">
          <label className="inline-flex items-center gap-2">
            <input type="checkbox" checked={starredOnly} onChange={(e) => setStarredOnly(e.target.checked)} /> {t("filters.starredOnly")}
          </label>
          <label className="inline-flex items-center gap-2">
            <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} /> {t("filters.showArchived")}
          </label>
        </div>

        <ScrollRegion label={t("dashboard.tableTitle")} className="mt-3">
          <table className="w-full text-sm" data-testid="opportunity-table">
            <thead className="border-b border-border text-left text-xs text-fg-muted">
              <tr>
                <th scope="col" className="w-8 px-2 py-2">
                  <span className="sr-only">{t("star.label")}</span>
                </th>
                {header("title", t("columns.title"), false)}
                {header("stage", t("columns.stage"), false)}
                {header("value", t("score.value"))}
                {header("feasibility", t("score.feasibility"))}
                {header("fit", t("score.fit"))}
                {header("priority", t("score.priority"))}
                {factor ? header(factor, t(`factor.${factor}`)) : header("marketSize", t("factor.marketSize"))}
                <th scope="col" className="px-2 py-2 font-medium">
                  {t("columns.estimate")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={r.ref}
                  className={cn("border-b border-border/60 last:border-0", highlight === r.ref && "bg-brand-50 dark:bg-brand-900/40")}
                  data-testid="opportunity-row"
                  data-id={r.ref}
                  data-highlighted={highlight === r.ref || undefined}
                  onMouseEnter={() => setHighlight(r.ref)}
                  onMouseLeave={() => setHighlight(null)}
                  onFocus={() => setHighlight(r.ref)}
                  onBlur={() => setHighlight(null)}
                >
                  <td className="px-2 py-2">
                    <button
                      type="button"
                      disabled={!ws.can("opportunity.write") || star.isPending}
                      aria-pressed={r.starred}
                      aria-label={t(r.starred ? "star.remove" : "star.add", { title: r.titleText })}
                      onClick={() => star.mutate({ workspaceId: ws.id, ref: r.ref, starred: !r.starred })}
                      className="text-fg-subtle hover:text-amber-500 disabled:cursor-not-allowed"
                    >
                      <Star className={cn("size-4", r.starred && "fill-amber-400 text-amber-500")} aria-hidden />
                    </button>
                  </td>
                  <td className="px-2 py-2">
                    <Link href={`${base}/item/${encodeURIComponent(r.ref)}${basisQuery}`} className="font-medium text-fg hover:underline">
                      {r.titleText}
                    </Link>
                    {r.kind === "custom" && <Badge className="ml-2">{t("custom")}</Badge>}
                    {r.archived && (
                      <Badge tone="warn" className="ml-2">
                        {t("archived")}
                      </Badge>
                    )}
                    {r.status && (
                      <Badge tone="brand" className="ml-2">
                        {t(`status.${r.status}`)}
                      </Badge>
                    )}
                  </td>
                  <td className="px-2 py-2 text-fg-muted">{t(`stage.${r.stage}`)}</td>
                  <td className="px-2 py-2 text-right tabular-nums" data-testid="cell-value">
                    {score(r.scores.value)}
                  </td>
                  <td className="px-2 py-2 text-right tabular-nums">{score(r.scores.feasibility)}</td>
                  <td className="px-2 py-2 text-right tabular-nums">
                    <span className="inline-flex items-center gap-1">
                      <span className="size-2 rounded-full" style={{ background: fitColour(r.scores.fit) }} aria-hidden />
                      {score(r.scores.fit)}
                    </span>
                  </td>
                  <td className="px-2 py-2 text-right font-medium tabular-nums" data-testid="cell-priority">
                    {score(r.priority)}
                  </td>
                  <td className="px-2 py-2 text-right tabular-nums">{r.factors[factor || "marketSize"]}/5</td>
                  <td className="px-2 py-2 text-xs text-fg-muted">
                    {r.value ? (
                      <>
                        {usdRange(r.value.low, r.value.high, locale)}
                        <span className="block text-fg-subtle">{t("source", { name: r.value.sourceName, year: r.value.sourceYear })}</span>
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.data && rows.length === 0 && <p className="py-6 text-center text-sm text-fg-muted">{t("dashboard.empty")}</p>}
        </ScrollRegion>
      </Card>
    </>
  );
}
