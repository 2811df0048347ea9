"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { BackLink } from "@/components/ui/back-link";
import { useTRPC } from "@/components/trpc/react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Alert, Badge, Card, CardTitle, PageHeader } from "@/components/ui/card";
import { useErrorMessage } from "@/components/ui/errors";
import { DIMENSIONS, FACETS_BY_DIMENSION } from "@/server/assessment/facets";
import { useInstrumentText } from "./labels";
import { BandBadge, BandThresholds } from "./score-bits";
import { SelfVsOthersCard } from "./self-vs-others-card";

const LATEST_VERSION = 1;

/** Cell shade for the heat map: the brand colour mixed in proportion to the score. */
function heat(score: number) {
  return {
    backgroundColor: `color-mix(in oklch, var(--color-brand-600) ${Math.round(score)}%, var(--color-surface))`,
    color: score >= 55 ? "white" : undefined,
  };
}

export function TeamAssessment() {
  const t = useTranslations("assessment.team");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const errorMessage = useErrorMessage("assessment.errors");
  const team = useQuery(trpc.assessment.team.queryOptions({ workspaceId: ws.id }));
  const instrument = useQuery({
    ...trpc.assessment.instrument.queryOptions({ workspaceId: ws.id, version: LATEST_VERSION }),
    staleTime: Infinity,
  });
  const labels = useInstrumentText(instrument.data);

  if (team.error) return <Alert>{errorMessage(team.error)}</Alert>;
  if (!team.data) return <p className="text-sm text-fg-muted">…</p>;
  const { members, coverage } = team.data;
  const withFacets = members.flatMap((m) => (m.shared?.level === "EVERYTHING" ? [{ member: m, shared: m.shared }] : []));
  const nameOf = (m: (typeof members)[number]) => m.name ?? m.email;

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card>
        <CardTitle>{t("membersTitle")}</CardTitle>
        <div className="mt-4 overflow-x-auto">
          <table className="w-full text-sm" data-testid="team-members">
            <thead>
              <tr className="text-left text-xs text-fg-subtle">
                <th className="py-2 pr-3 font-medium">{t("member")}</th>
                <th className="py-2 pr-3 font-medium">{t("status")}</th>
                {DIMENSIONS.map((d) => (
                  <th key={d} className="py-2 pr-3 font-medium">
                    {labels.dimensionName(d)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {members.map((m) => (
                <tr key={m.userId} data-testid="team-member-row">
                  <th scope="row" className="py-2 pr-3 text-left font-medium">
                    {nameOf(m)} {m.isSelf && <Badge>{t("you")}</Badge>}
                  </th>
                  <td className="py-2 pr-3 text-fg-muted">
                    {m.status === "hidden"
                      ? t("statusHidden")
                      : m.status === "notTaken"
                        ? t("statusNotTaken")
                        : m.shared?.level === "EVERYTHING"
                          ? t("statusEverything")
                          : t("statusShared")}
                  </td>
                  {DIMENSIONS.map((d) => (
                    <td key={d} className="py-2 pr-3">
                      {m.shared ? (
                        <span className="flex items-center gap-2 tabular-nums">
                          {m.shared.dimensionScores[d].toFixed(1)} <BandBadge band={m.shared.dimensionBands[d]} />
                        </span>
                      ) : (
                        <span className="text-fg-subtle">—</span>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="mt-3">
          <BandThresholds />
        </div>
      </Card>

      <Card className="mt-6">
        <CardTitle>{t("heatmapTitle")}</CardTitle>
        <p className="mt-1 text-xs text-fg-subtle">{t("heatmapHelp")}</p>
        {withFacets.length === 0 ? (
          <p className="mt-4 text-sm text-fg-muted">{t("heatmapEmpty")}</p>
        ) : (
          <div className="mt-4 overflow-x-auto">
            <table className="w-full border-separate border-spacing-0.5 text-sm" data-testid="team-heatmap">
              <thead>
                <tr className="text-xs text-fg-subtle">
                  <th />
                  {withFacets.map(({ member }) => (
                    <th key={member.userId} className="px-2 py-1 font-medium">
                      {nameOf(member)}
                    </th>
                  ))}
                  <th className="px-2 py-1 font-semibold text-fg">{t("coverage")}</th>
                </tr>
              </thead>
              {DIMENSIONS.map((d) => (
                <tbody key={d}>
                  <tr>
                    <th
                      colSpan={withFacets.length + 2}
                      scope="rowgroup"
                      className="pt-3 pb-1 text-left text-xs font-semibold uppercase tracking-wide text-fg-muted"
                    >
                      {labels.dimensionName(d)}
                    </th>
                  </tr>
                  {FACETS_BY_DIMENSION[d].map((f) => {
                    const best = coverage.facets[f].best;
                    return (
                      <tr key={f}>
                        <th scope="row" className="pr-3 text-left font-normal">
                          {labels.facetName(f)}
                        </th>
                        {withFacets.map(({ member, shared }) => (
                          <td
                            key={member.userId}
                            className="rounded px-2 py-1 text-center tabular-nums"
                            style={heat(shared.facetScores[f])}
                          >
                            {shared.facetScores[f].toFixed(0)}
                          </td>
                        ))}
                        <td className="rounded px-2 py-1 text-center font-semibold tabular-nums" data-testid={`coverage-${f}`}>
                          {best === null ? "—" : best.toFixed(0)}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              ))}
            </table>
          </div>
        )}
      </Card>

      <Card className="mt-6">
        <CardTitle>{t("coverageTitle")}</CardTitle>
        <p className="mt-1 text-xs text-fg-subtle">{t("gapsBasis", { count: coverage.memberCount })}</p>
        {coverage.gaps.length === 0 ? (
          <Alert tone="success" className="mt-3">
            {t("gapsNone")}
          </Alert>
        ) : (
          <div
            className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
            data-testid="team-gaps"
          >
            <p className="font-semibold">{t("gapsTitle")}</p>
            <ul className="mt-2 flex flex-wrap gap-2">
              {coverage.gaps.map((f) => (
                <li key={f} className="rounded-full border border-amber-300 px-2 py-0.5 text-xs dark:border-amber-700">
                  {labels.facetName(f)}
                </li>
              ))}
            </ul>
          </div>
        )}
      </Card>

      {/* Raters' averages of teammates who share everything (never names or single ratings). */}
      {withFacets
        .filter(({ member }) => !member.isSelf)
        .map(({ member }) => (
          <SelfVsOthersCard
            key={member.userId}
            subjectId={member.userId}
            subjectName={nameOf(member)}
            facetName={labels.facetName}
            text={labels.text}
          />
        ))}

      <BackLink href={`/w/${ws.slug}/assessment`}>{t("back")}</BackLink>
    </>
  );
}
