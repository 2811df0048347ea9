"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/react";
import { Button } from "@/components/ui/button";
import { Alert, Card, CardTitle, PageHeader } from "@/components/ui/card";
import { useErrorMessage } from "@/components/ui/errors";
import { Field, Input } from "@/components/ui/field";
import { INPUT_MAX } from "@/server/input-limits";
import { DeletePrototypeCard } from "./delete-prototype";

/** Settings of one prototype: name, question, archive/restore, delete. */
export function PrototypeSettings({ prototypeId }: { prototypeId: string }) {
  const t = useTranslations("prototypes.settings");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage("prototypes.dataErrors");
  const detail = useQuery(trpc.prototypes.get.queryOptions({ workspaceId: ws.id, prototypeId }));
  const [name, setName] = useState("");
  const [question, setQuestion] = useState("");
  useEffect(() => {
    if (detail.data) {
      setName(detail.data.name);
      setQuestion(detail.data.question);
    }
  }, [detail.data]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.prototypes.get.queryKey() });
  const update = useMutation(trpc.prototypes.update.mutationOptions({ onSuccess: refresh }));
  const archive = useMutation(trpc.prototypes.archive.mutationOptions({ onSuccess: refresh }));
  if (!detail.data) return detail.error ? <Alert>{errorMessage(detail.error)}</Alert> : null;
  const archived = Boolean(detail.data.archivedAt);
  const canWrite = ws.can("prototype.write");
  return (
    <>
      <PageHeader
        title={t("title", { name: detail.data.name })}
        actions={
          <Link className="text-sm text-brand-700 hover:underline dark:text-brand-300" href={`/w/${ws.slug}/prototypes/${prototypeId}`}>
            {t("back")}
          </Link>
        }
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card>
          <CardTitle>{t("details")}</CardTitle>
          <form
            className="mt-3 space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              update.mutate({ workspaceId: ws.id, prototypeId, name, question });
            }}
          >
            <Field label={t("name")}>
              {(p) => (
                <Input
                  {...p}
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  required
                  maxLength={INPUT_MAX.prototypeName}
                  disabled={!canWrite}
                />
              )}
            </Field>
            <Field label={t("question")}>
              {(p) => (
                <Input
                  {...p}
                  value={question}
                  onChange={(e) => setQuestion(e.target.value)}
                  maxLength={INPUT_MAX.prototypeQuestion}
                  disabled={!canWrite}
                />
              )}
            </Field>
            {update.error && <Alert>{errorMessage(update.error)}</Alert>}
            {update.isSuccess && <Alert tone="success">{t("saved")}</Alert>}
            {canWrite && (
              <Button type="submit" loading={update.isPending}>
                {t("save")}
              </Button>
            )}
          </form>
        </Card>
        {canWrite && (
          <Card>
            <CardTitle>{archived ? t("restoreTitle") : t("archiveTitle")}</CardTitle>
            <p className="mt-1 text-sm text-fg-muted">{archived ? t("restoreHint") : t("archiveHint")}</p>
            <Button
              className="mt-3"
              variant={archived ? "secondary" : "danger"}
              loading={archive.isPending}
              onClick={() => archive.mutate({ workspaceId: ws.id, prototypeId, archived: !archived })}
            >
              {archived ? t("restore") : t("archive")}
            </Button>
          </Card>
        )}
        {canWrite && <DeletePrototypeCard prototypeId={prototypeId} name={detail.data.name} />}
      </div>
    </>
  );
}
