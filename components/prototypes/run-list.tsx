"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/react";
import { Card, EmptyState } from "@/components/ui/card";
import { AccuracyCell } from "./evidence";
import { StatusBadge, formatDuration, pct, useModelName, type RunStatus } from "./run-shared";

/** Every run of a prototype, newest first: each one is a kept version. Two can be picked for comparison. */
export function RunList({ prototypeId }: { prototypeId: string }) {
  const t = useTranslations("prototypes.runs");
  const modelName = useModelName();
  // In the page's language, not the browser's (a Chinese page showed English dates).
  const format = useFormatter();
  const ws = useWorkspace();
  const trpc = useTRPC();
  const [picked, setPicked] = useState<string[]>([]);
  const runs = useQuery({
    ...trpc.runs.list.queryOptions({ workspaceId: ws.id, prototypeId }),
    refetchInterval: (query) => (query.state.data?.some((r) => r.status === "QUEUED" || r.status === "RUNNING") ? 2000 : false),
  });
  if (runs.data && runs.data.length === 0) return <EmptyState title={t("emptyTitle")} description={t("emptyDescription")} />;
  const base = `/w/${ws.slug}/prototypes/${prototypeId}`;
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p.slice(-1), id]));
  return (
    <Card className="overflow-x-auto p-0">
      <div className="flex items-center justify-between gap-3 px-4 py-3">
        <p className="text-sm text-fg-muted">{t("pickTwo")}</p>
        {picked.length === 2 ? (
          <Link
            className="text-sm font-medium text-brand-700 underline dark:text-brand-300"
            href={`${base}/runs/compare?a=${picked[0]}&b=${picked[1]}`}
          >
            {t("compare")}
          </Link>
        ) : (
          <span className="text-sm text-fg-subtle">{t("compare")}</span>
        )}
      </div>
      <table className="w-full text-sm">
        <thead className="border-y border-border bg-muted text-left text-xs text-fg-muted">
          <tr>
            <th className="p-2">
              <span className="sr-only">{t("select")}</span>
            </th>
            <th className="p-2">{t("version")}</th>
            <th className="p-2">{t("statusLabel")}</th>
            <th className="p-2">{t("accuracy")}</th>
            <th className="p-2">{t("macroF1")}</th>
            <th className="p-2">{t("backbone")}</th>
            <th className="p-2">{t("duration")}</th>
            <th className="p-2">{t("started")}</th>
          </tr>
        </thead>
        <tbody>
          {runs.data?.map((run) => {
            const metrics = run.metrics;
            const duration =
              run.startedAt && run.finishedAt ? new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime() : null;
            return (
              <tr key={run.id} className="border-b border-border last:border-0">
                <td className="p-2">
                  <input
                    type="checkbox"
                    aria-label={t("selectVersion", { version: run.version })}
                    checked={picked.includes(run.id)}
                    onChange={() => toggle(run.id)}
                  />
                </td>
                <td className="p-2">
                  <Link className="font-medium text-brand-700 underline dark:text-brand-300" href={`${base}/runs/${run.id}`}>
                    v{run.version}
                  </Link>
                </td>
                <td className="p-2">
                  <StatusBadge status={run.status as RunStatus} />
                </td>
                <td className="p-2 tabular-nums">
                  <AccuracyCell evidence={run.evidence} />
                </td>
                <td className="p-2 tabular-nums">{pct(metrics?.macroF1)}</td>
                <td className="p-2 text-xs text-fg-muted">{modelName(run.backboneId)}</td>
                <td className="p-2 tabular-nums">{formatDuration(duration)}</td>
                <td className="p-2 text-xs text-fg-muted">
                  {format.dateTime(new Date(run.queuedAt), { dateStyle: "medium", timeStyle: "short" })}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Card>
  );
}
