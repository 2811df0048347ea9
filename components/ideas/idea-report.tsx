"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2, CircleHelp, OctagonAlert, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Alert, Card, CardTitle, PageHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { isEditConflict, useErrorMessage } from "@/components/ui/errors";
import { AssumptionsPanel } from "./assumptions-panel";
import { EconomicsPanel } from "./economics-panel";
import { ExperimentsPanel } from "./experiments-panel";
import { downloadReportJson } from "./export-json";
import { IdeaForm, type IdeaFormValues } from "./idea-form";
import { VerdictTimeline } from "./verdict-timeline";
import { asLocale, LOCALE_INFO } from "@/server/i18n/locale";

const VERDICT_STYLE = {
  go: "border-emerald-400 bg-emerald-50 text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950/40 dark:text-emerald-100",
  validate: "border-amber-400 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100",
  park: "border-red-400 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-100",
  noEvidence: "border-border bg-muted text-fg",
} as const;

const TONE_ICON = { strength: CheckCircle2, concern: TriangleAlert, redFlag: OctagonAlert, missing: CircleHelp } as const;
const TONE_COLOUR = {
  strength: "text-emerald-600",
  concern: "text-amber-600",
  redFlag: "text-red-600",
  missing: "text-fg-subtle",
} as const;
const PILLARS = ["team", "opportunity", "proof"] as const;
const SECTION_LINK = { team: "assessment", opportunity: "opportunities", proof: "prototypes" } as const;
const VALIDATION_PILLARS = ["assumptions", "economics"] as const;

export function IdeaReportPage({ ideaId }: { ideaId: string }) {
  const t = useTranslations("ideas");
  const tf = useTranslations("prototypes.field");
  const locale = asLocale(useLocale());
  const ws = useWorkspace();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const errorMessage = useErrorMessage("ideas.errors");
  const idea = useQuery(trpc.ideas.get.queryOptions({ workspaceId: ws.id, ideaId }));
  const report = useQuery(trpc.ideas.report.queryOptions({ workspaceId: ws.id, ideaId }));
  // The version the editor opened: saving only lands if nobody saved since (server/edits.ts).
  const [editing, setEditing] = useState<{ base: Date } | null>(null);
  const [mine, setMine] = useState<IdeaFormValues | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.ideas.pathKey() });
  const closeEditor = () => {
    setEditing(null);
    setMine(null);
    update.reset();
  };
  const update = useMutation(trpc.ideas.update.mutationOptions({ onSuccess: () => (closeEditor(), void refresh()) }));
  const conflict = isEditConflict(update.error);
  const del = useMutation(trpc.ideas.delete.mutationOptions({ onSuccess: () => router.push(`/w/${ws.slug}/ideas`) }));

  if (idea.error) return <Alert>{errorMessage(idea.error)}</Alert>;
  if (!idea.data || !report.data) return <p className="text-fg-muted">…</p>;
  const r = report.data;
  const params = (p: Record<string, string | number>) => {
    const out: Record<string, string | number> = { ...p };
    if (typeof p.facet === "string") out.facetName = r.facetNames[p.facet as keyof typeof r.facetNames]?.[locale] ?? p.facet;
    if (typeof p.facets === "string")
      out.facetNames = p.facets
        .split(", ")
        .map((f) => r.facetNames[f as keyof typeof r.facetNames]?.[locale] ?? f)
        .join(LOCALE_INFO[locale].listSeparator);
    if (typeof p.title === "string" && r.opportunityTitle && typeof r.opportunityTitle !== "string") out.title = r.opportunityTitle[locale];
    return out;
  };
  const base = `/w/${ws.slug}`;
  // Every pillar links to the page its evidence comes from.
  const sourceLinks = {
    team: [{ href: `${base}/assessment`, label: t("report.sourceLinks.assessment") }],
    opportunity: r.sources.opportunityRef
      ? [{ href: `${base}/opportunities/item/${encodeURIComponent(r.sources.opportunityRef)}`, label: t("report.sourceLinks.opportunity") }]
      : [],
    proof: r.sources.runs.map((run) => ({
      href: `${base}/prototypes/${run.prototypeId}/runs/${run.runId}`,
      label: t("report.sourceLinks.prototype", { name: run.name, version: run.version }),
    })),
  };

  return (
    <>
      <PageHeader
        title={idea.data.title}
        description={idea.data.summary || undefined}
        actions={
          <div className="no-print flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => window.print()}>
              {t("report.print")}
            </Button>
            <Button variant="secondary" onClick={() => downloadReportJson({ idea: idea.data, report: r })}>
              {t("report.exportJson")}
            </Button>
            {ws.can("idea.write") && <Button onClick={() => setEditing({ base: idea.data.updatedAt })}>{t("report.edit")}</Button>}
          </div>
        }
      />
      <section aria-labelledby="verdict" className={cn("mb-6 rounded-lg border-2 p-6", VERDICT_STYLE[r.verdict])} data-testid="verdict">
        <p className="text-sm font-medium uppercase tracking-wide opacity-80">{t("report.verdictLabel")}</p>
        <h2 id="verdict" className="mt-1 text-3xl font-bold">
          {t(`report.verdict.${r.verdict}`)}
        </h2>
        <p className="mt-2 text-sm">{t(`report.verdictHelp.${r.verdict}`)}</p>
        <dl className="mt-4 flex flex-wrap gap-6 text-sm">
          <div>
            <dt className="opacity-80">{t("report.readiness")}</dt>
            <dd className="text-lg font-semibold">{r.readiness === null ? "—" : `${r.readiness}/100`}</dd>
          </div>
          <div>
            <dt className="opacity-80">{t("report.confidence")}</dt>
            <dd className="text-lg font-semibold">{t("report.confidenceValue", { present: Math.round(r.confidence * 3) })}</dd>
          </div>
        </dl>
      </section>

      {r.fieldDrops.map((d) => (
        <Alert key={d.prototypeId} className="mb-4" data-testid="idea-field-drop">
          {tf("ideaDrop", {
            name: d.prototypeName,
            version: d.version,
            field: Math.round((d.field.estimate ?? 0) * 100),
            n: d.field.n,
            low: Math.round((d.lab.low ?? 0) * 100),
            high: Math.round((d.lab.high ?? 0) * 100),
          })}{" "}
          <Link className="underline" href={`${base}/prototypes/${d.prototypeId}/review`}>
            {tf("openInbox")}
          </Link>
        </Alert>
      ))}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        {PILLARS.map((pillar) => {
          const score = r.scores[pillar];
          return (
            <Card key={pillar} data-testid={`pillar-${pillar}`}>
              <CardTitle>{t(`report.pillars.${pillar}`)}</CardTitle>
              <p className="mt-2 text-3xl font-bold">{score === null ? "—" : score}</p>
              {score === null ? (
                <p className="text-sm text-fg-muted">{t("report.noScore")}</p>
              ) : (
                <div className="mt-2 h-2 rounded-full bg-muted" aria-hidden>
                  <div className="h-2 rounded-full bg-brand-600" style={{ width: `${score}%` }} />
                </div>
              )}
              <ul className="mt-4 space-y-2 text-sm">
                {r.reasons
                  .filter((x) => x.pillar === pillar)
                  .map((x, i) => {
                    const Icon = TONE_ICON[x.tone];
                    return (
                      <li key={i} className="flex gap-2">
                        <Icon
                          className={cn("mt-0.5 size-4 shrink-0", TONE_COLOUR[x.tone])}
                          role="img"
                          aria-label={t(`report.tone.${x.tone}`)}
                        />
                        <span>{t(`reasons.${x.key}`, params(x.params))}</span>
                      </li>
                    );
                  })}
              </ul>
              <ul className="mt-3 space-y-1 text-sm" data-testid={`source-${pillar}`}>
                {sourceLinks[pillar].map((l) => (
                  <li key={l.href}>
                    <Link className="font-medium text-brand-700 hover:underline dark:text-brand-200" href={l.href}>
                      {l.label} →
                    </Link>
                  </li>
                ))}
                {r.reasons.some((x) => x.pillar === pillar && x.tone === "missing") && (
                  <li className="no-print">
                    <Link
                      className="font-medium text-brand-700 hover:underline dark:text-brand-200"
                      href={`${base}/${SECTION_LINK[pillar]}`}
                    >
                      {t(`report.links.${SECTION_LINK[pillar]}`)} →
                    </Link>
                  </li>
                )}
              </ul>
              {pillar === "proof" && <p className="mt-2 text-xs text-fg-subtle">{t("report.proofOnlyThroughExperiments")}</p>}
            </Card>
          );
        })}
      </div>

      <Card className="mt-6 print:break-inside-avoid">
        <CardTitle>{t("report.validation")}</CardTitle>
        <ul className="mt-3 space-y-2 text-sm" data-testid="validation-reasons">
          {r.reasons
            .filter((x) => (VALIDATION_PILLARS as readonly string[]).includes(x.pillar))
            .map((x, i) => {
              const Icon = TONE_ICON[x.tone];
              return (
                <li key={i} className="flex gap-2">
                  <Icon className={cn("mt-0.5 size-4 shrink-0", TONE_COLOUR[x.tone])} role="img" aria-label={t(`report.tone.${x.tone}`)} />
                  <span>{t(`reasons.${x.key}`, params(x.params))}</span>
                </li>
              );
            })}
        </ul>
      </Card>

      <Card className="mt-6 print:break-inside-avoid">
        <CardTitle>{t("report.nextSteps")}</CardTitle>
        <ol className="mt-3 list-decimal space-y-1 pl-5 text-sm" data-testid="next-steps">
          {r.nextSteps.map((s, i) => (
            <li key={i}>{t(`steps.${s.key}`, params(s.params))}</li>
          ))}
        </ol>
      </Card>

      <div className="mt-6 grid grid-cols-1 gap-4 lg:grid-cols-2">
        <AssumptionsPanel ideaId={ideaId} report={r} onChanged={() => void refresh()} />
        <ExperimentsPanel ideaId={ideaId} report={r} onChanged={() => void refresh()} />
        <EconomicsPanel ideaId={ideaId} report={r} onChanged={() => void refresh()} />
        <VerdictTimeline events={r.history} />
      </div>

      <Dialog open={editing !== null} onOpenChange={(open) => !open && closeEditor()} title={t("report.edit")}>
        <IdeaForm
          initial={
            mine ?? {
              title: idea.data.title,
              summary: idea.data.summary,
              opportunityRef: idea.data.opportunityRef,
              prototypeId: idea.data.prototypeId,
            }
          }
          submitLabel={t("form.save")}
          pending={update.isPending}
          error={update.error}
          onCancel={closeEditor}
          onSubmit={(v) => {
            setMine(v);
            update.mutate({ workspaceId: ws.id, ideaId, ...v, baseUpdatedAt: editing?.base });
          }}
        />
        {conflict && mine && (
          <div className="mt-3 flex flex-wrap gap-2" data-testid="edit-conflict">
            <Button size="sm" onClick={() => update.mutate({ workspaceId: ws.id, ideaId, ...mine })}>
              {t("form.saveMineAnyway")}
            </Button>
            <Button size="sm" variant="secondary" onClick={() => (closeEditor(), void refresh())}>
              {t("form.discardMine")}
            </Button>
          </div>
        )}
        <div className="mt-4 border-t border-border pt-4">
          <Button
            variant="danger"
            size="sm"
            loading={del.isPending}
            onClick={() => confirm(t("form.deleteConfirm")) && del.mutate({ workspaceId: ws.id, ideaId })}
          >
            {t("form.delete")}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
