"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, Star, ThumbsDown, ThumbsUp } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useTRPC } from "@/components/trpc/react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Alert, Badge, Card, CardTitle, PageHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { useErrorMessage } from "@/components/ui/errors";
import { Select } from "@/components/ui/field";
import { FACTORS } from "@/server/opportunities/dataset-schema";
import type { FacetId } from "@/server/assessment/facets";
import { FitBasisSwitch, LinkButton, ScorePill, SourceLine } from "./bits";
import { FactorChart } from "./factor-chart";
import { pick, usdRange } from "./labels";
import { NotesPanel } from "./notes-panel";
import { useFitBasis } from "./use-fit-basis";
import { asLocale } from "@/server/i18n/locale";

const STATUSES = ["idea", "exploring", "validating", "parked"] as const;
const GOOD_HIGH = new Set(["marketSize", "growth", "dataAvailability"]);

export function OpportunityDetail({ opportunityRef }: { opportunityRef: string }) {
  const t = useTranslations("opportunities");
  const locale = asLocale(useLocale());
  const ws = useWorkspace();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const errorMessage = useErrorMessage("opportunities.errors");
  const [basis, setBasis, basisQuery] = useFitBasis();
  const q = useQuery(trpc.opportunities.get.queryOptions({ workspaceId: ws.id, ref: opportunityRef, basis }));
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: trpc.opportunities.get.queryKey() });
    void qc.invalidateQueries({ queryKey: trpc.opportunities.list.queryKey() });
    void qc.invalidateQueries({ queryKey: trpc.opportunities.overview.queryKey() });
  };
  const star = useMutation(trpc.opportunities.setStar.mutationOptions({ onSuccess: refresh }));
  const status = useMutation(trpc.opportunities.setStatus.mutationOptions({ onSuccess: refresh }));
  const vote = useMutation(trpc.opportunities.setVote.mutationOptions({ onSuccess: refresh }));
  const archive = useMutation(trpc.opportunities.setArchived.mutationOptions({ onSuccess: refresh }));
  const base = `/w/${ws.slug}/opportunities`;

  if (q.error) return <Alert>{errorMessage(q.error)}</Alert>;
  if (!q.data) return <p className="text-sm text-fg-muted">{t("loading")}</p>;
  const d = q.data;
  const o = d.opportunity;
  const canWrite = ws.can("opportunity.write");
  const explanation = d.explanation[locale];
  const facetName = (f: string) => d.facetNames[f as FacetId]?.[locale] ?? f;
  const mutationError = star.error ?? status.error ?? vote.error ?? archive.error;

  return (
    <>
      <Link href={`${base}/${o.industry}${basisQuery}`} className="mb-3 inline-flex items-center gap-1 text-sm text-fg-muted hover:text-fg">
        <ArrowLeft className="size-4" aria-hidden /> {t("detail.back", { industry: t(`industry.${o.industry}`) })}
      </Link>
      <PageHeader
        title={pick(o.title, locale)}
        description={pick(o.description, locale) || undefined}
        actions={
          <>
            <Button
              variant={d.starred ? "primary" : "secondary"}
              disabled={!canWrite}
              loading={star.isPending}
              aria-pressed={d.starred}
              onClick={() => star.mutate({ workspaceId: ws.id, ref: o.ref, starred: !d.starred })}
            >
              <Star className={cn("size-4", d.starred && "fill-current")} aria-hidden />
              {d.starred ? t("star.starred") : t("star.shortlist")}
            </Button>
            {o.kind === "custom" && canWrite && (
              <>
                <LinkButton variant="secondary" href={`${base}/item/${encodeURIComponent(o.ref)}/edit`}>
                  {t("detail.edit")}
                </LinkButton>
                <Button
                  variant="secondary"
                  loading={archive.isPending}
                  onClick={() =>
                    archive.mutate(
                      { workspaceId: ws.id, id: o.ref, archived: !o.archived },
                      { onSuccess: () => !o.archived && router.push(`${base}/${o.industry}`) },
                    )
                  }
                >
                  {o.archived ? t("detail.restore") : t("detail.archive")}
                </Button>
              </>
            )}
          </>
        }
      />
      {mutationError && <Alert className="mb-4">{errorMessage(mutationError)}</Alert>}

      <div className="mb-4 flex flex-wrap items-center gap-2">
        <Badge>{t(`industry.${o.industry}`)}</Badge>
        <Badge tone="brand">{t(`stage.${o.stage}`)}</Badge>
        {o.kind === "custom" && <Badge>{t("custom")}</Badge>}
        {o.archived && <Badge tone="warn">{t("archived")}</Badge>}
        <label className="ml-auto inline-flex items-center gap-2 text-sm">
          {t("status.label")}
          <Select
            className="h-8 w-40"
            value={d.status ?? ""}
            disabled={!canWrite}
            onChange={(e) =>
              status.mutate({ workspaceId: ws.id, ref: o.ref, status: (e.target.value || null) as (typeof STATUSES)[number] | null })
            }
          >
            <option value="">{t("status.none")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </Select>
        </label>
        <div className="inline-flex items-center gap-1" role="group" aria-label={t("votes.label")}>
          <Button
            size="sm"
            variant={d.votes.mine === 1 ? "primary" : "secondary"}
            disabled={!canWrite}
            aria-pressed={d.votes.mine === 1}
            onClick={() => vote.mutate({ workspaceId: ws.id, ref: o.ref, value: d.votes.mine === 1 ? 0 : 1 })}
          >
            {/* Named by hidden text, not aria-label: the visible count must be part of the button's name. */}
            <ThumbsUp className="size-4" aria-hidden /> <span className="sr-only">{t("votes.up")}</span>{" "}
            <span data-testid="votes-up">{d.votes.up}</span>
          </Button>
          <Button
            size="sm"
            variant={d.votes.mine === -1 ? "primary" : "secondary"}
            disabled={!canWrite}
            aria-pressed={d.votes.mine === -1}
            onClick={() => vote.mutate({ workspaceId: ws.id, ref: o.ref, value: d.votes.mine === -1 ? 0 : -1 })}
          >
            <ThumbsDown className="size-4" aria-hidden /> <span className="sr-only">{t("votes.down")}</span>{" "}
            <span data-testid="votes-down">{d.votes.down}</span>
          </Button>
        </div>
      </div>

      <div className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
        <ScorePill label={t("score.value")} value={d.scores.value} testId="score-value" />
        <ScorePill label={t("score.feasibility")} value={d.scores.feasibility} testId="score-feasibility" />
        <ScorePill label={t("score.fit")} value={d.scores.fit} testId="score-fit" />
        <ScorePill label={t("score.priority")} value={d.scores.priority} testId="score-priority" />
      </div>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card data-testid="fit-explanation">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <CardTitle>{t("detail.fitTitle")}</CardTitle>
            <FitBasisSwitch basis={basis} onChange={setBasis} />
          </div>
          {explanation.fitSummary ? (
            <>
              <p className="mt-3 text-sm font-medium text-fg" data-testid="fit-summary">
                {explanation.fitSummary}
              </p>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-fg-muted">
                {(explanation.fit ?? []).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </>
          ) : (
            <p className="mt-3 text-sm text-fg-muted" data-testid="fit-missing">
              {explanation.fitMissing}{" "}
              <Link className="font-medium text-brand-700 underline dark:text-brand-300" href={`/w/${ws.slug}/assessment`}>
                {t("fit.takeAssessment")}
              </Link>
            </p>
          )}
          <h3 className="mt-4 text-xs font-medium uppercase tracking-wide text-fg-subtle">{t("detail.requiredProfile")}</h3>
          <ul className="mt-2 space-y-1 text-sm">
            {Object.entries(o.requiredProfile)
              .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
              .map(([facet, w]) => (
                <li key={facet} className="flex justify-between gap-2">
                  <span>
                    {facetName(facet)} <span className="text-fg-subtle">· {Math.round((w ?? 0) * 100)}%</span>
                  </span>
                  {d.profile && (
                    <span className={cn("tabular-nums", d.blindSpots.includes(facet as FacetId) && "text-red-600 dark:text-red-400")}>
                      {d.profile[facet as FacetId] ?? "—"}
                    </span>
                  )}
                </li>
              ))}
          </ul>
        </Card>

        <Card>
          <CardTitle>{t("detail.whyScores")}</CardTitle>
          <h3 className="mt-3 text-xs font-medium uppercase tracking-wide text-fg-subtle">{t("score.value")}</h3>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-fg-muted" data-testid="value-reasons">
            {explanation.value.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <h3 className="mt-3 text-xs font-medium uppercase tracking-wide text-fg-subtle">{t("score.feasibility")}</h3>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-fg-muted">
            {explanation.feasibility.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <p className="mt-3 text-xs text-fg-subtle">
            {t("detail.priorityWeights", {
              value: Math.round(d.weights.value * 100),
              feasibility: Math.round(d.weights.feasibility * 100),
              fit: Math.round(d.weights.fit * 100),
            })}
          </p>
        </Card>

        <Card data-testid="value-estimate">
          <CardTitle>{t("detail.valueTitle")}</CardTitle>
          {o.value ? (
            <>
              <p className="mt-3 text-2xl font-semibold text-fg">{usdRange(o.value.low, o.value.high, locale)}</p>
              <p className="text-sm text-fg-muted">{pick(o.value.basis, locale)}</p>
              <p className="mt-2 flex flex-wrap items-center gap-2">
                <Badge tone={o.value.kind === "published" ? "good" : "warn"}>{t(`valueKind.${o.value.kind}`)}</Badge>
                <SourceLine source={o.value.source} />
              </p>
              {o.value.source.title && <p className="mt-1 text-xs italic text-fg-subtle">{o.value.source.title}</p>}
              {o.value.note && <p className="mt-2 text-sm text-fg-muted">{pick(o.value.note, locale)}</p>}
            </>
          ) : (
            <p className="mt-3 text-sm text-fg-muted">{t("detail.noValue")}</p>
          )}
        </Card>

        <Card>
          <CardTitle>{t("detail.useCases")}</CardTitle>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-fg">
            {o.useCases.map((u, i) => (
              <li key={i}>{pick(u, locale)}</li>
            ))}
          </ul>
          <h3 className="mt-4 text-xs font-medium uppercase tracking-wide text-fg-subtle">{t("detail.customers")}</h3>
          <p className="mt-1 text-sm text-fg">{pick(o.customers, locale)}</p>
        </Card>
      </div>

      <Card className="mt-4">
        <CardTitle>{t("detail.factorsTitle")}</CardTitle>
        <p className="mt-1 text-xs text-fg-muted">{t("detail.factorsHelp")}</p>
        <FactorChart
          ariaLabel={t("detail.factorsTitle")}
          data={FACTORS.map((f) => ({ factor: f, label: t(`factor.${f}`), score: o.factors[f].score, good: GOOD_HIGH.has(f) }))}
        />
        <dl className="mt-2 grid grid-cols-1 gap-3 sm:grid-cols-2" data-testid="rationales">
          {FACTORS.map((f) => (
            <div key={f}>
              <dt className="text-sm font-medium text-fg">
                {t(`factor.${f}`)} <span className="tabular-nums text-fg-muted">{o.factors[f].score}/5</span>
              </dt>
              <dd className="text-sm text-fg-muted">{pick(o.factors[f].rationale, locale)}</dd>
            </div>
          ))}
        </dl>
      </Card>

      <div className="mt-4">
        <NotesPanel opportunityRef={o.ref} notes={d.notes} />
      </div>
    </>
  );
}
