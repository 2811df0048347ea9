"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, Download, Star, ThumbsDown, ThumbsUp } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Alert, Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { useErrorMessage } from "@/components/ui/errors";
import { FitBasisSwitch } from "./bits";
import { pick, score, usdRange } from "./labels";
import { useFitBasis } from "./use-fit-basis";
import { asLocale } from "@/server/i18n/locale";

/** The workspace's shortlist: starred opportunities across industries, ranked, exportable as CSV. */
export function ShortlistPage() {
  const t = useTranslations("opportunities");
  const locale = asLocale(useLocale());
  const ws = useWorkspace();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const errorMessage = useErrorMessage("opportunities.errors");
  const [basis, setBasis, basisQuery] = useFitBasis();
  const list = useQuery(trpc.opportunities.list.queryOptions({ workspaceId: ws.id, basis, includeArchived: true }));
  const [exportError, setExportError] = useState<unknown>(null);
  const [exporting, setExporting] = useState(false);
  const rows = (list.data?.rows ?? []).filter((r) => r.starred).sort((a, b) => b.scores.priority - a.scores.priority);
  const base = `/w/${ws.slug}/opportunities`;

  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const { filename, csv } = await qc.fetchQuery(
        trpc.opportunities.shortlistCsv.queryOptions({ workspaceId: ws.id, basis, locale }, { staleTime: 0 }),
      );
      const url = URL.createObjectURL(new Blob(["\uFEFF", csv], { type: "text/csv;charset=utf-8" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = filename;
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <Link href={`${base}${basisQuery}`} className="mb-3 inline-flex items-center gap-1 text-sm text-fg-muted hover:text-fg">
        <ArrowLeft className="size-4" aria-hidden /> {t("dashboard.back")}
      </Link>
      <PageHeader
        title={t("shortlist.title")}
        description={t("shortlist.description")}
        actions={
          <Button variant="secondary" onClick={exportCsv} loading={exporting} disabled={rows.length === 0}>
            <Download className="size-4" aria-hidden /> {t("shortlist.export")}
          </Button>
        }
      />
      <div className="mb-4">
        <FitBasisSwitch basis={basis} onChange={setBasis} />
      </div>
      {Boolean(exportError) && <Alert className="mb-4">{errorMessage(exportError)}</Alert>}
      {list.data && rows.length === 0 && (
        <EmptyState icon={<Star className="size-8" />} title={t("shortlist.emptyTitle")} description={t("shortlist.emptyDescription")} />
      )}
      <ul className="space-y-3" data-testid="shortlist">
        {rows.map((r) => (
          <li key={r.ref}>
            <Card className="flex flex-wrap items-center justify-between gap-3">
              <div>
                <Link href={`${base}/item/${encodeURIComponent(r.ref)}${basisQuery}`} className="font-medium hover:underline">
                  {pick(r.title, locale)}
                </Link>
                <div className="mt-1 flex flex-wrap gap-2 text-xs">
                  <Badge>{t(`industry.${r.industry}`)}</Badge>
                  {r.status && <Badge tone="brand">{t(`status.${r.status}`)}</Badge>}
                  {r.archived && <Badge tone="warn">{t("archived")}</Badge>}
                  {r.value && (
                    <span className="text-fg-muted">
                      {usdRange(r.value.low, r.value.high, locale)} · {t("source", { name: r.value.sourceName, year: r.value.sourceYear })}
                    </span>
                  )}
                </div>
              </div>
              <div className="flex gap-4 text-sm tabular-nums text-fg-muted">
                <span>
                  {t("score.priority")} <strong className="text-fg">{score(r.scores.priority)}</strong>
                </span>
                <span>
                  {t("score.fit")} {score(r.scores.fit)}
                </span>
                <span className="inline-flex items-center gap-1" aria-label={t("shortlist.votes", { up: r.votes.up, down: r.votes.down })}>
                  <ThumbsUp className="size-3.5" aria-hidden /> {r.votes.up} <ThumbsDown className="ml-1 size-3.5" aria-hidden />{" "}
                  {r.votes.down}
                </span>
                <span>{t("shortlist.notes", { count: r.notes })}</span>
              </div>
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}
