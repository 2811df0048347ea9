"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Alert, Badge, Card, CardTitle } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { useFieldErrors, useErrorMessage } from "@/components/ui/errors";
import { CopyButton } from "./copy-button";
import { INPUT_MAX } from "@/server/input-limits";

/** Workspace API keys for the REST API: created here, shown once, revocable. */
export function ApiKeysCard() {
  const t = useTranslations("workspace.apiKeys");
  const format = useFormatter();
  const ws = useWorkspace();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const errorMessage = useErrorMessage();
  const fieldErrors = useFieldErrors();
  const [name, setName] = useState("");
  const keys = useQuery(trpc.apiKeys.list.queryOptions({ workspaceId: ws.id }));
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
  const create = useMutation(trpc.apiKeys.create.mutationOptions({ onSuccess: () => (setName(""), void refresh()) }));
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSuccess: () => void refresh() }));
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  return (
    <Card>
      <CardTitle>{t("title")}</CardTitle>
      <p className="mt-1 text-sm text-fg-muted">{t("description")}</p>
      <form
        className="mt-4 flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ workspaceId: ws.id, name });
        }}
      >
        <div className="min-w-64 flex-1">
          <Field label={t("name")} error={fieldErrors(create.error).name}>
            {(p) => (
              <Input
                {...p}
                value={name}
                onChange={(e) => setName(e.target.value)}
                required
                maxLength={INPUT_MAX.apiKeyName}
                placeholder={t("namePlaceholder")}
              />
            )}
          </Field>
        </div>
        <Button type="submit" loading={create.isPending}>
          {t("create")}
        </Button>
      </form>
      {create.data && (
        <Alert tone="success" className="mt-3">
          <p className="font-medium">{t("createdOnce")}</p>
          <div className="mt-2 flex items-center gap-2">
            <code className="min-w-0 flex-1 truncate rounded bg-surface px-2 py-1 text-xs" data-testid="new-api-key">
              {create.data.key}
            </code>
            <CopyButton text={create.data.key} />
          </div>
          <pre className="mt-2 overflow-x-auto rounded bg-surface p-2 text-xs">{`curl -X POST -H "Authorization: Bearer ${create.data.key.slice(0, 10)}…" \\\n  -F image=@photo.jpg ${origin}/api/v1/prototypes/<prototypeId>/predict`}</pre>
        </Alert>
      )}
      {(create.error && !fieldErrors(create.error).name) || revoke.error ? (
        <Alert className="mt-3">{errorMessage(create.error ?? revoke.error)}</Alert>
      ) : null}
      <ul className="mt-4 divide-y divide-border" aria-label={t("title")}>
        {(keys.data ?? []).map((k) => (
          <li key={k.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm" data-testid="api-key-row">
            <span>
              <span className="font-medium">{k.name}</span> <code className="text-xs text-fg-subtle">{k.prefix}…</code>{" "}
              <span className="text-xs text-fg-subtle">
                {k.lastUsedAt ? t("lastUsed", { date: format.dateTime(k.lastUsedAt, { dateStyle: "medium" }) }) : t("neverUsed")}
              </span>
            </span>
            {k.revokedAt ? (
              <Badge tone="bad">{t("revoked")}</Badge>
            ) : (
              <Button
                size="sm"
                variant="ghost"
                onClick={() => confirm(t("revokeConfirm", { name: k.name })) && revoke.mutate({ workspaceId: ws.id, keyId: k.id })}
              >
                {t("revoke")}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
