"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/react";
import { Button } from "@/components/ui/button";
import { Alert, Card, CardTitle } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { useErrorMessage } from "@/components/ui/errors";
import { Field, Input } from "@/components/ui/field";
import { INPUT_MAX } from "@/server/input-limits";

/** Read once by the prototypes list: the name of the prototype just deleted, for its notice. */
export const DELETED_NOTICE_KEY = "vl-prototype-deleted";

/**
 * The danger zone of a prototype's settings: a button that opens a dialog saying exactly what
 * goes (counts from the server, the ideas that lose their evidence) and deletes only once the
 * prototype's name is typed. Shown only to roles that may write prototypes.
 */
export function DeletePrototypeCard({ prototypeId, name }: { prototypeId: string; name: string }) {
  const t = useTranslations("prototypes.settings");
  const [open, setOpen] = useState(false);
  return (
    <Card className="border-red-300 lg:col-span-2 dark:border-red-900" data-testid="danger-zone">
      <CardTitle className="text-red-700 dark:text-red-300">{t("dangerTitle")}</CardTitle>
      <p className="mt-1 text-sm text-fg-muted">{t("deleteHint")}</p>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={t("deleteTitle", { name })}
        description={t("deleteDescription")}
        trigger={
          <Button className="mt-3" variant="danger">
            {t("delete")}
          </Button>
        }
      >
        {open && <DeleteForm prototypeId={prototypeId} name={name} onCancel={() => setOpen(false)} />}
      </Dialog>
    </Card>
  );
}

function DeleteForm({ prototypeId, name, onCancel }: { prototypeId: string; name: string; onCancel: () => void }) {
  const t = useTranslations("prototypes.settings");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage("prototypes.dataErrors");
  const [typed, setTyped] = useState("");
  const listId = useId();
  const impact = useQuery(trpc.prototypes.deletionImpact.queryOptions({ workspaceId: ws.id, prototypeId }));
  const del = useMutation(
    trpc.prototypes.delete.mutationOptions({
      onSuccess: (result) => {
        try {
          sessionStorage.setItem(DELETED_NOTICE_KEY, result.name);
        } catch {
          // Private mode without storage: the list still loads, only without the notice.
        }
        void queryClient.invalidateQueries({ queryKey: trpc.prototypes.list.queryKey() });
        router.push(`/w/${ws.slug}/prototypes`);
      },
    }),
  );
  const matches = typed.trim() === name.trim();
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (matches) del.mutate({ workspaceId: ws.id, prototypeId, confirmName: typed });
      }}
    >
      <div className="text-sm" aria-live="polite">
        {impact.data ? (
          <>
            <p className="font-medium text-fg" id={listId}>
              {t("deleteWhat")}
            </p>
            <ul className="mt-1 list-disc space-y-0.5 ps-5 text-fg-muted" aria-labelledby={listId} data-testid="delete-impact">
              <li>{t("deleteImages", { count: impact.data.images })}</li>
              <li>{t("deleteRuns", { count: impact.data.runs })}</li>
              <li>{t("deleteKept", { count: impact.data.keptPredictions })}</li>
            </ul>
            <p className="mt-3 text-fg-muted">{t("deleteApi")}</p>
            {impact.data.ideas.length > 0 ? (
              <div className="mt-3" data-testid="delete-ideas">
                <p className="font-medium text-fg">{t("deleteIdeas", { count: impact.data.ideas.length })}</p>
                <ul className="mt-1 list-disc space-y-0.5 ps-5">
                  {impact.data.ideas.map((idea) => (
                    <li key={idea.id}>
                      <Link className="text-brand-700 underline dark:text-brand-300" href={`/w/${ws.slug}/ideas/${idea.id}`}>
                        {idea.title}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              <p className="mt-3 text-fg-muted">{t("deleteNoIdeas")}</p>
            )}
          </>
        ) : impact.error ? (
          <Alert>{errorMessage(impact.error)}</Alert>
        ) : (
          <p className="text-fg-muted">{t("deleteLoading")}</p>
        )}
      </div>
      <Field label={t("deleteConfirmLabel", { name })}>
        {(p) => (
          <Input
            {...p}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            maxLength={INPUT_MAX.confirmName}
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
      {del.error && <Alert>{errorMessage(del.error)}</Alert>}
      <div className="flex flex-wrap justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel}>
          {t("deleteCancel")}
        </Button>
        <Button type="submit" variant="danger" disabled={!matches} loading={del.isPending}>
          {t("deleteConfirm")}
        </Button>
      </div>
    </form>
  );
}
