"use client";

import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Alert, Card, CardTitle, PageHeader } from "@/components/ui/card";
import { useErrorMessage } from "@/components/ui/errors";
import { DIMENSIONS } from "@/server/assessment/facets";
import { estimatedSecondsLeft } from "@/server/assessment/items";
import { bandFor } from "@/server/assessment/scoring";
import { SHARE_LEVELS } from "@/server/assessment/sharing";
import { useInstrumentText } from "./labels";
import { BandBadge, BandThresholds, ScoreBar } from "./score-bits";

const linkButton =
  "inline-flex h-10 items-center justify-center rounded-md px-4 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500";

export function AssessmentHome() {
  const t = useTranslations("assessment.home");
  const format = useFormatter();
  const ws = useWorkspace();
  const trpc = useTRPC();
  const base = `/w/${ws.slug}/assessment`;
  const current = useQuery(trpc.assessment.current.queryOptions({ workspaceId: ws.id }));
  const history = useQuery(trpc.assessment.history.queryOptions({ workspaceId: ws.id }));
  const version = current.data?.open?.instrumentVersion ?? current.data?.latest?.instrumentVersion ?? current.data?.currentVersion;
  const instrument = useQuery({
    ...trpc.assessment.instrument.queryOptions(version ? { workspaceId: ws.id, version } : skipToken),
    staleTime: Infinity,
  });
  const labels = useInstrumentText(instrument.data);

  const open = current.data?.open;
  const latest = current.data?.latest;
  const total = instrument.data?.items.length ?? 0;
  const minutes = instrument.data ? Math.ceil(estimatedSecondsLeft(instrument.data, new Set()) / 60) : 0;

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            <Link href={`${base}/team`} className={`${linkButton} border border-border bg-surface hover:bg-muted`}>
              {t("teamLink")}
            </Link>
            {ws.can("assessment.admin") && (
              <Link href={`${base}/reliability`} className={`${linkButton} border border-border bg-surface hover:bg-muted`}>
                {t("reliabilityLink")}
              </Link>
            )}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card>
            {open ? (
              <>
                <CardTitle>{t("resumeTitle")}</CardTitle>
                <p className="mt-2 text-sm text-fg-muted">{t("resumeBody", { answered: Object.keys(open.answers).length, total })}</p>
                <Link href={`${base}/take`} className={`${linkButton} mt-4 bg-brand-600 text-white hover:bg-brand-700`}>
                  {t("resume")}
                </Link>
              </>
            ) : (
              <>
                <CardTitle>{latest ? t("retake") : t("startTitle")}</CardTitle>
                <p className="mt-2 text-sm text-fg-muted">{latest ? t("retakeBody") : t("startBody", { items: total, minutes })}</p>
                <Link href={`${base}/take`} className={`${linkButton} mt-4 bg-brand-600 text-white hover:bg-brand-700`}>
                  {latest ? t("retake") : t("start")}
                </Link>
              </>
            )}
          </Card>

          {latest && (
            <Card>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <CardTitle>{t("latestTitle")}</CardTitle>
                <span className="text-xs text-fg-subtle">
                  {t("completedOn", { date: format.dateTime(latest.completedAt, { dateStyle: "medium" }) })}
                </span>
              </div>
              <ul className="mt-4 space-y-3">
                {DIMENSIONS.map((d) => (
                  <li key={d} className="space-y-1">
                    <div className="flex items-center justify-between text-sm">
                      <span>{labels.dimensionName(d)}</span>
                      <span className="flex items-center gap-2 tabular-nums">
                        {latest.dimensionScores[d].toFixed(1)} <BandBadge band={bandFor(latest.dimensionScores[d])} />
                      </span>
                    </div>
                    <ScoreBar score={latest.dimensionScores[d]} label={labels.dimensionName(d)} />
                  </li>
                ))}
              </ul>
              <div className="mt-3">
                <BandThresholds />
              </div>
              <Link href={`${base}/results/${latest.id}`} className={`${linkButton} mt-4 border border-border bg-surface hover:bg-muted`}>
                {t("viewResults")}
              </Link>
            </Card>
          )}

          <Card>
            <CardTitle>{t("historyTitle")}</CardTitle>
            {history.data && history.data.length === 0 && <p className="mt-2 text-sm text-fg-muted">{t("historyEmpty")}</p>}
            <ul className="mt-3 divide-y divide-border" data-testid="attempt-history">
              {(history.data ?? []).map((h) => (
                <li key={h.id} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm">
                  <span>{t("completedOn", { date: format.dateTime(h.completedAt, { dateStyle: "medium", timeStyle: "short" }) })}</span>
                  <span className="flex items-center gap-3 tabular-nums text-fg-muted">
                    {DIMENSIONS.map((d) => (
                      <span key={d} title={labels.dimensionName(d)}>
                        {h.dimensionScores[d].toFixed(0)}
                      </span>
                    ))}
                    <Link href={`${base}/results/${h.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-200">
                      {t("open")}
                    </Link>
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        </div>
        <div className="space-y-6">
          <SharingCard />
          <RatersCard />
        </div>
      </div>
    </>
  );
}

/** Raters of the founder's own profile, and teammates' requests waiting for the founder's rating. */
function RatersCard() {
  const t = useTranslations("assessment.raters.home");
  const format = useFormatter();
  const ws = useWorkspace();
  const trpc = useTRPC();
  const base = `/w/${ws.slug}/assessment`;
  const requests = useQuery(trpc.raters.requests.queryOptions({ workspaceId: ws.id }));
  return (
    <Card className="h-fit">
      <CardTitle>{t("title")}</CardTitle>
      <p className="mt-1 text-sm text-fg-muted">{t("description")}</p>
      <Link
        href={`${base}/raters`}
        className={`${linkButton} mt-3 border border-border bg-surface hover:bg-muted`}
        data-testid="invite-raters"
      >
        {t("invite")}
      </Link>
      {requests.data && requests.data.length > 0 && (
        <div className="mt-5">
          <h3 className="text-sm font-semibold">{t("requestsTitle")}</h3>
          <ul className="mt-2 space-y-2 text-sm" data-testid="rating-requests">
            {requests.data.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2">
                <span>
                  {r.founderName}
                  <span className="block text-xs text-fg-muted">
                    {t("until", { date: format.dateTime(r.expiresAt, { dateStyle: "medium" }) })}
                  </span>
                </span>
                <Link href={`${base}/rate/${r.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-200">
                  {t("rate")}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}

function SharingCard() {
  const t = useTranslations("assessment.sharing");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const errorMessage = useErrorMessage("assessment.errors");
  const sharing = useQuery(trpc.assessment.sharing.queryOptions({ workspaceId: ws.id }));
  const set = useMutation(
    trpc.assessment.setSharing.mutationOptions({
      onSuccess: (data) => {
        qc.setQueryData(trpc.assessment.sharing.queryKey({ workspaceId: ws.id }), data);
        void qc.invalidateQueries({ queryKey: trpc.assessment.team.queryKey() });
      },
    }),
  );
  const level = set.variables?.level ?? sharing.data?.level;

  return (
    <Card className="h-fit">
      <fieldset>
        <legend className="text-base font-semibold text-fg">{t("title")}</legend>
        <p className="mt-1 text-sm text-fg-muted">{t("description")}</p>
        <div className="mt-4 space-y-2">
          {SHARE_LEVELS.map((l) => (
            <label
              key={l}
              className="flex cursor-pointer gap-3 rounded-md border border-border p-3 has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50 dark:has-[:checked]:bg-brand-950/40"
            >
              <input
                type="radio"
                name="share-level"
                value={l}
                checked={level === l}
                disabled={!sharing.data || set.isPending}
                onChange={() => set.mutate({ workspaceId: ws.id, level: l })}
                className="mt-1 accent-brand-600"
              />
              <span>
                <span className="block text-sm font-medium">{t(l)}</span>
                <span className="block text-xs text-fg-muted">{t(`${l}Help`)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div aria-live="polite" className="mt-3">
        {set.isSuccess && <Alert tone="success">{t("saved")}</Alert>}
        {set.error && <Alert>{errorMessage(set.error)}</Alert>}
      </div>
    </Card>
  );
}
