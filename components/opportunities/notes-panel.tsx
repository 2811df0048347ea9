"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { useErrorMessage } from "@/components/ui/errors";
import { Field, Textarea } from "@/components/ui/field";
import { INPUT_MAX } from "@/server/input-limits";

interface Note {
  id: string;
  body: string;
  author: string;
  mine: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Members' notes: everyone in the workspace reads them, each author edits or deletes their own. */
export function NotesPanel({ opportunityRef, notes }: { opportunityRef: string; notes: Note[] }) {
  const t = useTranslations("opportunities.notes");
  const format = useFormatter();
  const ws = useWorkspace();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const errorMessage = useErrorMessage("opportunities.errors");
  const [draft, setDraft] = useState("");
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: trpc.opportunities.get.queryKey() });
    void qc.invalidateQueries({ queryKey: trpc.opportunities.list.queryKey() });
  };
  const add = useMutation(trpc.opportunities.addNote.mutationOptions({ onSuccess: () => (setDraft(""), refresh()) }));
  const update = useMutation(trpc.opportunities.updateNote.mutationOptions({ onSuccess: () => (setEditing(null), refresh()) }));
  const remove = useMutation(trpc.opportunities.deleteNote.mutationOptions({ onSuccess: refresh }));
  const error = add.error ?? update.error ?? remove.error;
  const canWrite = ws.can("opportunity.write");

  return (
    <Card data-testid="notes">
      <CardTitle>{t("title")}</CardTitle>
      {notes.length === 0 && <p className="mt-2 text-sm text-fg-muted">{t("empty")}</p>}
      <ul className="mt-3 space-y-3">
        {notes.map((n) => (
          <li key={n.id} className="rounded-md border border-border p-3 text-sm" data-testid="note">
            <div className="mb-1 flex justify-between text-xs text-fg-subtle">
              <span>{n.author}</span>
              <time dateTime={new Date(n.createdAt).toISOString()}>{format.dateTime(new Date(n.createdAt), { dateStyle: "medium" })}</time>
            </div>
            {editing?.id === n.id ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  update.mutate({ workspaceId: ws.id, noteId: n.id, body: editing.body });
                }}
                className="space-y-2"
              >
                <Textarea
                  aria-label={t("edit")}
                  maxLength={INPUT_MAX.noteBody}
                  value={editing.body}
                  onChange={(e) => setEditing({ id: n.id, body: e.target.value })}
                />
                <div className="flex gap-2">
                  <Button size="sm" type="submit" loading={update.isPending}>
                    {t("save")}
                  </Button>
                  <Button size="sm" variant="ghost" type="button" onClick={() => setEditing(null)}>
                    {t("cancel")}
                  </Button>
                </div>
              </form>
            ) : (
              <>
                <p className="whitespace-pre-wrap text-fg">{n.body}</p>
                {n.mine && canWrite && (
                  <div className="mt-2 flex gap-2">
                    <Button size="sm" variant="ghost" onClick={() => setEditing({ id: n.id, body: n.body })}>
                      {t("edit")}
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      loading={remove.isPending}
                      onClick={() => remove.mutate({ workspaceId: ws.id, noteId: n.id })}
                    >
                      {t("delete")}
                    </Button>
                  </div>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      {canWrite && (
        <form
          className="mt-4 space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate({ workspaceId: ws.id, ref: opportunityRef, body: draft });
          }}
        >
          <Field label={t("add")}>
            {(p) => (
              <Textarea
                {...p}
                maxLength={INPUT_MAX.noteBody}
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
                placeholder={t("placeholder")}
              />
            )}
          </Field>
          <Button type="submit" size="sm" loading={add.isPending} disabled={!draft.trim()}>
            {t("submit")}
          </Button>
        </form>
      )}
      {error && (
        <p className="mt-2 text-sm text-red-600" role="alert">
          {errorMessage(error)}
        </p>
      )}
    </Card>
  );
}
