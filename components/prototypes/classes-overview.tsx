"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/react";
import { Alert, PageHeader } from "@/components/ui/card";
import { useErrorMessage } from "@/components/ui/errors";
import { ClassesPanel } from "./classes";
import { KeepPanel } from "./field-loop";
import { RunTabs } from "./run-shared";
import { UploadPanel } from "./upload";

/** The prototype's home: its question, classes and uploads, with links to images, training, runs and prediction. */
export function PrototypeOverview({ prototypeId }: { prototypeId: string }) {
  const t = useTranslations("prototypes.list");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const errorMessage = useErrorMessage("prototypes.dataErrors");
  const detail = useQuery(trpc.prototypes.get.queryOptions({ workspaceId: ws.id, prototypeId }));
  if (detail.error) return <Alert>{errorMessage(detail.error)}</Alert>;
  if (!detail.data) return null;
  const p = detail.data;
  const total = p.classes.reduce((s, c) => s + c.imageCount, 0);
  return (
    <>
      <PageHeader
        title={p.name}
        description={p.question || undefined}
        actions={
          <div className="flex gap-4 text-sm font-medium">
            <Link className="text-brand-700 hover:underline dark:text-brand-300" href={`/w/${ws.slug}/prototypes/${p.id}/images`}>
              {t("browseImages", { count: total })}
            </Link>
            <Link className="text-brand-700 hover:underline dark:text-brand-300" href={`/w/${ws.slug}/prototypes/${p.id}/settings`}>
              {t("settings")}
            </Link>
          </div>
        }
      />
      <RunTabs prototypeId={p.id} />
      {p.archivedAt && <Alert tone="info">{t("archived")}</Alert>}
      <div className="grid gap-6 lg:grid-cols-2">
        <ClassesPanel prototypeId={p.id} classes={p.classes} />
        {ws.can("prototype.write") && !p.archivedAt && <UploadPanel prototypeId={p.id} classes={p.classes} />}
        <KeepPanel prototypeId={p.id} />
      </div>
    </>
  );
}
