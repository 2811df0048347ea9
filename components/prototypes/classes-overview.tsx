"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/react";
import { Alert } from "@/components/ui/card";
import { useErrorMessage } from "@/components/ui/errors";
import { ClassesPanel } from "./classes";
import { KeepPanel } from "./field-loop";
import { PrototypeHeader } from "./prototype-header";
import { UploadPanel } from "./upload";

/** The prototype's home: its question, classes and uploads, with links to images, training, runs and prediction. */
export function PrototypeOverview({ prototypeId }: { prototypeId: string }) {
  const t = useTranslations("prototypes.list");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const errorMessage = useErrorMessage("prototypes.dataErrors");
  const detail = useQuery(trpc.prototypes.get.queryOptions({ workspaceId: ws.id, prototypeId }));
  if (detail.error) return <Alert>{errorMessage(detail.error)}</Alert>;
  const p = detail.data;
  return (
    <>
      {/* The same header as the other tabs, shown while loading too, so nothing moves. */}
      <PrototypeHeader prototypeId={prototypeId} />
      {p?.archivedAt && <Alert tone="info">{t("archived")}</Alert>}
      {p && (
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <ClassesPanel prototypeId={p.id} classes={p.classes} />
          {ws.can("prototype.write") && !p.archivedAt && <UploadPanel prototypeId={p.id} classes={p.classes} />}
          <KeepPanel prototypeId={p.id} />
        </div>
      )}
    </>
  );
}
