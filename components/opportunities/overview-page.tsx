"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowRight, Star } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useTRPC } from "@/components/trpc/react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Card, CardTitle, PageHeader } from "@/components/ui/card";
import type { Figure } from "@/server/opportunities/dataset-schema";
import { FitBasisBar, LinkButton, SourceLine } from "./bits";
import { fitColour, pick, score, type Locale } from "./labels";
import { useFitBasis } from "./use-fit-basis";
import { asLocale } from "@/server/i18n/locale";

function FigureItem({ figure, locale }: { figure: Figure; locale: Locale }) {
  return (
    <li className="space-y-0.5" data-testid={`figure-${figure.key}`}>
      <div className="text-lg font-semibold text-fg">{figure.display[locale]}</div>
      <div className="text-sm text-fg-muted">{figure.label[locale]}</div>
      <SourceLine source={figure.source} />
    </li>
  );
}

export function OpportunitiesOverview() {
  const t = useTranslations("opportunities");
  const locale = asLocale(useLocale());
  const ws = useWorkspace();
  const trpc = useTRPC();
  const [basis, setBasis, basisQuery] = useFitBasis();
  const q = useQuery(trpc.opportunities.overview.queryOptions({ workspaceId: ws.id, basis }));
  const base = `/w/${ws.slug}/opportunities`;

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            <LinkButton variant="secondary" href={`${base}/shortlist${basisQuery}`}>
              <Star className="size-4" aria-hidden /> {t("overview.shortlist", { count: q.data?.shortlisted ?? 0 })}
            </LinkButton>
            {ws.can("opportunity.write") && <LinkButton href={`${base}/new`}>{t("overview.new")}</LinkButton>}
          </>
        }
      />
      <FitBasisBar className="mb-6" basis={basis} onChange={setBasis} hasProfile={q.data?.hasProfile} workspaceSlug={ws.slug} />

      {q.data && (
        <>
          <Card className="mb-6">
            <CardTitle>{t("overview.acrossIndustries")}</CardTitle>
            <ul className="mt-3 grid grid-cols-1 gap-4 sm:grid-cols-2">
              {q.data.crossIndustryFigures.map((f) => (
                <FigureItem key={f.key} figure={f} locale={locale} />
              ))}
            </ul>
          </Card>
          <ul className="grid grid-cols-1 gap-4 lg:grid-cols-2">
            {q.data.industries.map((industry) => (
              <li key={industry.id}>
                <Card className="flex h-full flex-col" data-testid={`industry-${industry.id}`}>
                  <div className="flex items-start justify-between gap-3">
                    <div>
                      <CardTitle>{industry.name[locale]}</CardTitle>
                      <p className="mt-1 text-sm text-fg-muted">{industry.summary[locale]}</p>
                    </div>
                    <span className="shrink-0 rounded-full bg-muted px-2 py-0.5 text-xs text-fg-muted">
                      {t("overview.count", { count: industry.count })}
                    </span>
                  </div>
                  <ul className="mt-4 grid grid-cols-1 gap-3 sm:grid-cols-2">
                    {industry.figures.map((f) => (
                      <FigureItem key={f.key} figure={f} locale={locale} />
                    ))}
                  </ul>
                  <div className="mt-4 border-t border-border pt-3">
                    <h3 className="text-xs font-medium uppercase tracking-wide text-fg-subtle">
                      {q.data.hasProfile ? t("overview.topByFit") : t("overview.topByPriority")}
                    </h3>
                    <ol className="mt-2 space-y-1.5">
                      {industry.top.map((o) => (
                        <li key={o.ref} className="flex items-center justify-between gap-2 text-sm">
                          <Link
                            href={`${base}/item/${encodeURIComponent(o.ref)}${basisQuery}`}
                            className="truncate hover:underline"
                            title={pick(o.title, locale)}
                          >
                            {pick(o.title, locale)}
                          </Link>
                          <span className="shrink-0 tabular-nums text-fg-muted">
                            {o.fit !== null ? (
                              <span className="inline-flex items-center gap-1">
                                <span className="size-2 rounded-full" style={{ background: fitColour(o.fit) }} aria-hidden />
                                {t("score.fit")} {score(o.fit)}
                              </span>
                            ) : (
                              `${t("score.priority")} ${score(o.priority)}`
                            )}
                          </span>
                        </li>
                      ))}
                    </ol>
                  </div>
                  <div className="mt-auto pt-4">
                    <Link
                      href={`${base}/${industry.id}${basisQuery}`}
                      className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline dark:text-brand-300"
                    >
                      {t("overview.open", { industry: industry.name[locale] })} <ArrowRight className="size-4" aria-hidden />
                    </Link>
                  </div>
                </Card>
              </li>
            ))}
          </ul>
          <p className="mt-6 text-xs text-fg-subtle">{t("overview.datasetNote", { version: q.data.datasetVersion })}</p>
        </>
      )}
    </>
  );
}
