"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { BackLink } from "@/components/ui/back-link";
import { useTRPC } from "@/components/trpc/react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Alert, Badge, Card, CardTitle, PageHeader } from "@/components/ui/card";
import { useErrorMessage } from "@/components/ui/errors";
import type { AlphaResult, ReliabilityReport } from "@/server/assessment/alpha";
import { DIMENSIONS, FACETS_BY_DIMENSION } from "@/server/assessment/facets";
import { useInstrumentText } from "./labels";

export function ReliabilityView() {
  const t = useTranslations("assessment.reliability");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const errorMessage = useErrorMessage("assessment.errors");
  const overview = useQuery(trpc.assessment.reliability.queryOptions({ workspaceId: ws.id }));
  const instrument = useQuery({
    ...trpc.assessment.instrument.queryOptions({ workspaceId: ws.id, version: overview.data?.version ?? 1 }),
    staleTime: Infinity,
  });
  const labels = useInstrumentText(instrument.data);

  if (overview.error) return <Alert>{errorMessage(overview.error)}</Alert>;
  if (!overview.data) return <p className="text-sm text-fg-muted">…</p>;
  const { version, minRespondents } = overview.data;

  const { minObserverForms } = overview.data;
  const status = (r: AlphaResult, observer = false) => {
    if (observer && r.alpha === null && r.reason === "too_few_respondents") {
      return <Badge tone="neutral">{t("observerTooFew", { min: minObserverForms })}</Badge>;
    }
    if (r.alpha === null) return <Badge tone="neutral">{t(`undefined_${r.reason}`)}</Badge>;
    return r.reliable ? <Badge tone="good">{t("ok")}</Badge> : <Badge tone="warn">{t("tooFew", { min: minRespondents })}</Badge>;
  };

  const table = (title: string, report: ReliabilityReport, testId: string, observer = false) => (
    <Card>
      <CardTitle>{title}</CardTitle>
      {observer && <p className="mt-1 text-xs text-fg-muted">{t("observerNote", { forms: report.n, min: minObserverForms })}</p>}
      <div className="mt-4 overflow-x-auto">
        <table className="w-full text-sm" data-testid={testId}>
          <thead>
            <tr className="text-left text-xs text-fg-subtle">
              <th className="py-2 pr-3 font-medium">{t("scale")}</th>
              <th className="py-2 pr-3 text-right font-medium">{t("alpha")}</th>
              <th className="py-2 pr-3 text-right font-medium">{observer ? t("nForms") : t("n")}</th>
              <th className="py-2 pr-3 text-right font-medium">{t("k")}</th>
              <th className="py-2 font-medium">{t("status")}</th>
            </tr>
          </thead>
          {DIMENSIONS.map((d) => (
            <tbody key={d} className="border-t border-border">
              {[
                { id: d, name: labels.dimensionName(d), r: report.dimensions[d], strong: true },
                ...FACETS_BY_DIMENSION[d].map((f) => ({ id: f, name: labels.facetName(f), r: report.facets[f], strong: false })),
              ].map(({ id, name, r, strong }) => (
                <tr key={id}>
                  <th scope="row" className={strong ? "pt-3 pr-3 text-left font-semibold" : "py-1 pr-3 pl-4 text-left font-normal"}>
                    {name}
                  </th>
                  <td className="py-1 pr-3 text-right tabular-nums">{r.alpha === null ? "—" : r.alpha.toFixed(2)}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{r.n}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{r.k}</td>
                  <td className="py-1">{status(r, observer)}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </Card>
  );

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Alert tone="info" className="mb-6">
        {t("note", { version })}
      </Alert>
      <div className="grid gap-6 xl:grid-cols-2">
        {table(t("workspace"), overview.data.workspace, "reliability-workspace")}
        {table(t("allWorkspaces"), overview.data.allWorkspaces, "reliability-all")}
        {overview.data.observer && table(t("observer"), overview.data.observer, "reliability-observer", true)}
      </div>
      <BackLink href={`/w/${ws.slug}/assessment`}>{t("back")}</BackLink>
    </>
  );
}
