"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/react";
import { Button } from "@/components/ui/button";
import { Alert, Card, CardTitle } from "@/components/ui/card";
import { useErrorMessage } from "@/components/ui/errors";
import { Input, Select } from "@/components/ui/field";
import { INPUT_MAX } from "@/server/input-limits";

export interface ClassRow {
  id: string;
  name: string;
  imageCount: number;
}

export function ClassesPanel({ prototypeId, classes }: { prototypeId: string; classes: ClassRow[] }) {
  const t = useTranslations("prototypes.classes");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage("prototypes.dataErrors");
  const [newName, setNewName] = useState("");
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);
  const [merging, setMerging] = useState<{ sourceId: string; targetId: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.prototypes.get.queryKey() });
  const opts = { onSuccess: refresh };
  const add = useMutation(trpc.prototypes.addClass.mutationOptions({ onSuccess: async () => (setNewName(""), refresh()) }));
  const rename = useMutation(trpc.prototypes.renameClass.mutationOptions({ onSuccess: async () => (setEditing(null), refresh()) }));
  const merge = useMutation(trpc.prototypes.mergeClasses.mutationOptions({ onSuccess: async () => (setMerging(null), refresh()) }));
  const remove = useMutation(trpc.prototypes.deleteClass.mutationOptions(opts));
  const error = add.error ?? rename.error ?? merge.error ?? remove.error;
  const canWrite = ws.can("prototype.write");
  const base = { workspaceId: ws.id, prototypeId };
  return (
    <Card>
      <CardTitle>{t("title")}</CardTitle>
      <ul className="mt-3 divide-y divide-border" data-testid="class-list">
        {classes.map((c) => (
          <li key={c.id} className="flex flex-wrap items-center gap-2 py-2">
            {editing?.id === c.id ? (
              <form
                className="flex flex-1 gap-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  rename.mutate({ ...base, classId: c.id, name: editing.name });
                }}
              >
                <Input
                  aria-label={t("renameLabel")}
                  value={editing.name}
                  maxLength={INPUT_MAX.className}
                  onChange={(e) => setEditing({ id: c.id, name: e.target.value })}
                  autoFocus
                />
                <Button size="sm" type="submit" loading={rename.isPending}>
                  {t("save")}
                </Button>
                <Button size="sm" type="button" variant="ghost" onClick={() => setEditing(null)}>
                  {t("cancel")}
                </Button>
              </form>
            ) : (
              <>
                <span className="flex-1 font-medium text-fg">{c.name}</span>
                <span className="text-sm text-fg-muted">{t("imageCount", { count: c.imageCount })}</span>
                {canWrite && (
                  <>
                    <Button size="sm" variant="ghost" onClick={() => setEditing({ id: c.id, name: c.name })}>
                      {t("rename")}
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => setMerging({ sourceId: c.id, targetId: classes.find((o) => o.id !== c.id)?.id ?? "" })}
                    >
                      {t("merge")}
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => {
                        if (window.confirm(t("confirmDelete", { name: c.name, count: c.imageCount })))
                          remove.mutate({ ...base, classId: c.id });
                      }}
                    >
                      {t("delete")}
                    </Button>
                  </>
                )}
              </>
            )}
            {merging?.sourceId === c.id && (
              <form
                className="flex w-full items-center gap-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  merge.mutate({ ...base, sourceId: c.id, targetId: merging.targetId });
                }}
              >
                <label className="text-sm text-fg-muted" htmlFor={`merge-${c.id}`}>
                  {t("mergeInto", { name: c.name })}
                </label>
                <Select
                  id={`merge-${c.id}`}
                  value={merging.targetId}
                  onChange={(e) => setMerging({ sourceId: c.id, targetId: e.target.value })}
                >
                  {classes
                    .filter((o) => o.id !== c.id)
                    .map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                      </option>
                    ))}
                </Select>
                <Button size="sm" type="submit" loading={merge.isPending}>
                  {t("mergeConfirm")}
                </Button>
                <Button size="sm" type="button" variant="ghost" onClick={() => setMerging(null)}>
                  {t("cancel")}
                </Button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {canWrite && (
        <form
          className="mt-3 flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate({ ...base, name: newName });
          }}
        >
          <Input
            aria-label={t("newLabel")}
            placeholder={t("newPlaceholder")}
            value={newName}
            onChange={(e) => setNewName(e.target.value)}
            maxLength={INPUT_MAX.className}
          />
          <Button type="submit" variant="secondary" disabled={!newName.trim()} loading={add.isPending}>
            {t("add")}
          </Button>
        </form>
      )}
      {error && <Alert className="mt-3">{errorMessage(error)}</Alert>}
    </Card>
  );
}
