"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowRight, BarChart3, Brain, FlaskConical, Lightbulb, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { VerdictBadge } from "@/components/ideas/verdict-badge";
import { StatusBadge } from "@/components/prototypes/run-shared";
import { useTRPC } from "@/components/trpc/react";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EvidenceSuffix } from "@/components/prototypes/evidence";
import { asLocale } from "@/server/i18n/locale";

type Section = "assessment" | "opportunities" | "prototypes" | "ideas";
const ICONS: Record<Section, LucideIcon> = { assessment: Brain, opportunities: BarChart3, prototypes: FlaskConical, ideas: Lightbulb };

/** The workspace home: each section's state for this founder and team, and the step that adds the most evidence next. */
export function WorkspaceHome() {
  const t = useTranslations("common");
  const locale = asLocale(useLocale());
  const format = useFormatter();
  const ws = useWorkspace();
  const trpc = useTRPC();
  const home = useQuery({
    ...trpc.workspace.home.queryOptions({ workspaceId: ws.id }),
    // While a run trains, its status here moves on its own.
    refetchInterval: (q) =>
      q.state.data?.prototypes.latestRun && ["QUEUED", "RUNNING"].includes(q.state.data.prototypes.latestRun.status) ? 3000 : false,
  });
  const base = `/w/${ws.slug}`;
  const d = home.data;

  const status: Record<Section, ReactNode> = {
    assessment: !d ? null : d.assessment.mine ? (
      <>
        <p>{t("home.assessment.done", { date: format.dateTime(d.assessment.mine.completedAt, { dateStyle: "medium" }) })}</p>
        <ul className="mt-2 space-y-1" data-testid="home-dimensions">
          {d.assessment.mine.dimensions.map((dim) => (
            <li key={dim.id} className="flex items-center gap-2">
              <span className="w-36 shrink-0 truncate" title={dim.name[locale]}>
                {dim.name[locale]}
              </span>
              <span className="h-1.5 flex-1 overflow-hidden rounded bg-muted">
                <span className="block h-full bg-brand-600" style={{ width: `${dim.score}%` }} />
              </span>
              <span className="w-8 text-right tabular-nums">{Math.round(dim.score)}</span>
            </li>
          ))}
        </ul>
        <p className="mt-2">{t("home.assessment.team", { assessed: d.assessment.membersAssessed, members: d.assessment.memberCount })}</p>
      </>
    ) : (
      <p>{t("home.assessment.notYet")}</p>
    ),
    opportunities: !d ? null : (
      <p>
        {d.opportunities.shortlisted
          ? t("home.opportunities.shortlisted", { count: d.opportunities.shortlisted })
          : t("home.opportunities.none")}
      </p>
    ),
    prototypes: !d ? null : d.prototypes.latestRun ? (
      <>
        <p>{t("home.prototypes.count", { count: d.prototypes.count })}</p>
        <p className="mt-1 flex flex-wrap items-center gap-2">
          <span>
            {t("home.prototypes.latest", { name: d.prototypes.latestRun.prototypeName, version: d.prototypes.latestRun.version })}
          </span>
          <StatusBadge status={d.prototypes.latestRun.status} />
          {d.prototypes.latestRun.accuracy !== null && (
            <span>{t("home.prototypes.accuracy", { value: Math.round(d.prototypes.latestRun.accuracy * 1000) / 10 })}</span>
          )}
          {d.prototypes.latestRun.evidence && <EvidenceSuffix evidence={d.prototypes.latestRun.evidence} />}
        </p>
      </>
    ) : (
      <p>{d.prototypes.count ? t("home.prototypes.untrained", { count: d.prototypes.count }) : t("home.prototypes.none")}</p>
    ),
    ideas: !d ? null : d.ideas.recent.length ? (
      <ul className="space-y-1" data-testid="home-idea-list">
        {d.ideas.recent.map((idea) => (
          <li key={idea.id} className="flex items-center gap-2">
            <Link href={`${base}/ideas/${idea.id}`} className="min-w-0 truncate text-fg hover:underline" title={idea.title}>
              {idea.title}
            </Link>
            <VerdictBadge verdict={idea.verdict} />
          </li>
        ))}
      </ul>
    ) : (
      <p>{t("home.ideas.none")}</p>
    ),
  };

  return (
    <>
      {d?.next && (
        <Link
          href={`${base}/${d.next}`}
          className="mb-4 flex items-center justify-between gap-3 rounded-lg border border-brand-300 bg-brand-50 p-4 text-sm text-brand-900 hover:border-brand-500 dark:border-brand-800 dark:bg-brand-950/40 dark:text-brand-100"
          data-testid="home-next"
        >
          <span>
            <strong className="block">{t("home.nextTitle")}</strong>
            {t(`home.next.${d.next}`)}
          </span>
          <ArrowRight className="size-5 shrink-0" aria-hidden />
        </Link>
      )}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        {(Object.keys(ICONS) as Section[]).map((key) => {
          const Icon = ICONS[key];
          return (
            <Card key={key} className={cn("flex h-full flex-col", d?.next === key && "border-brand-400")} data-testid={`home-${key}`}>
              <Link href={`${base}/${key}`} className="group">
                <Icon className="mb-3 size-6 text-brand-600" aria-hidden />
                <h2 className="font-semibold group-hover:underline">{t(`sections.${key}.title`)}</h2>
              </Link>
              <p className="mt-1 text-sm text-fg-muted">{t(`sections.${key}.description`)}</p>
              <div className="mt-3 border-t border-border pt-3 text-sm text-fg">
                {status[key] ?? <span className="text-fg-subtle">…</span>}
              </div>
            </Card>
          );
        })}
      </div>
    </>
  );
}
