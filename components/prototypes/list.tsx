"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/react";
import { Alert, Badge, Card, EmptyState } from "@/components/ui/card";
import { StatusBadge } from "./run-shared";
import { CreatePrototypeDialog } from "./create";
import { DELETED_NOTICE_KEY } from "./delete-prototype";
import { EvidenceSuffix } from "./evidence";

export function PrototypeList() {
  const t = useTranslations("prototypes.list");
  const tSettings = useTranslations("prototypes.settings");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const list = useQuery(trpc.prototypes.list.queryOptions({ workspaceId: ws.id }));
  const canWrite = ws.can("prototype.write");
  const deleted = useDeletedNotice();
  return (
    <div className="space-y-4">
      {deleted && (
        <Alert tone="success" data-testid="deleted-notice">
          {tSettings("deleted", { name: deleted })}
        </Alert>
      )}
      {canWrite && (
        <div className="flex justify-end">
          <CreatePrototypeDialog />
        </div>
      )}
      {list.data && list.data.length === 0 && <EmptyState title={t("emptyTitle")} description={t("emptyDescription")} />}
      <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2" data-testid="prototype-list">
        {list.data?.map((p) => (
          <li key={p.id}>
            <Link
              href={`/w/${ws.slug}/prototypes/${p.id}`}
              className="block focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 rounded-lg"
            >
              <Card className="h-full hover:border-brand-400">
                <h2 className="font-semibold text-fg">{p.name}</h2>
                {p.question && <p className="mt-1 text-sm text-fg-muted">{p.question}</p>}
                <div className="mt-3 flex flex-wrap gap-2 text-xs">
                  <Badge>{t("classes", { count: p.classCount })}</Badge>
                  <Badge>{t("images", { count: p.imageCount })}</Badge>
                  <Badge tone={p.runCount > 0 ? "brand" : "neutral"}>{t("runs", { count: p.runCount })}</Badge>
                </div>
                {p.latestRun && (
                  <p className="mt-3 flex flex-wrap items-center gap-2 text-xs text-fg-muted" data-testid="prototype-latest-run">
                    {t("latestRun", { version: p.latestRun.version })}
                    <StatusBadge status={p.latestRun.status} />
                    {p.latestRun.accuracy !== null && <span>{t("accuracy", { value: Math.round(p.latestRun.accuracy * 1000) / 10 })}</span>}
                    {p.latestRun.evidence && <EvidenceSuffix evidence={p.latestRun.evidence} />}
                  </p>
                )}
              </Card>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The name of a prototype deleted just before coming here (set by the delete dialog), shown once. */
function useDeletedNotice(): string | null {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    try {
      const stored = sessionStorage.getItem(DELETED_NOTICE_KEY);
      if (stored === null) return;
      sessionStorage.removeItem(DELETED_NOTICE_KEY);
      setName(stored);
    } catch {
      // No storage (private mode): no notice.
    }
  }, []);
  return name;
}
