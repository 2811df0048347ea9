"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Alert, Badge, Card, CardTitle } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { useFieldErrors, useErrorMessage } from "@/components/ui/errors";
import { ScrollRegion } from "@/components/ui/scroll-region";
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
        </Alert>
      )}
      <CurlExample origin={origin} apiKey={create.data?.key ?? null} />
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

/**
 * A curl call that works as shown: a real prototype of this workspace (trained ones first) and, right
 * after creating a key, that key; otherwise a variable to fill. Links the OpenAPI description.
 */
function CurlExample({ origin, apiKey }: { origin: string; apiKey: string | null }) {
  const t = useTranslations("workspace.apiKeys");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const prototypes = useQuery(trpc.prototypes.list.queryOptions({ workspaceId: ws.id }));
  const list = [...(prototypes.data ?? [])].sort(
    (a, b) => Number(b.latestRun?.status === "SUCCEEDED") - Number(a.latestRun?.status === "SUCCEEDED"),
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const prototype = list.find((p) => p.id === chosen) ?? list[0];
  const curl = prototype
    ? [
        ...(apiKey ? [] : ["export VL_API_KEY=… # " + t("curlKeyHint")]),
        `curl -X POST -H "Authorization: Bearer ${apiKey ?? "$VL_API_KEY"}" \\`,
        `  -F image=@photo1.jpg -F image=@photo2.jpg \\`,
        `  ${origin}/api/v1/prototypes/${prototype.id}/predict`,
      ].join("\n")
    : null;
  return (
    <div className="mt-4 space-y-2 text-sm" data-testid="curl-example">
      <h3 className="font-medium text-fg">{t("curlTitle")}</h3>
      {list.length === 0 ? (
        <p className="text-fg-muted">{t("curlNoPrototype")}</p>
      ) : (
        <>
          {list.length > 1 && (
            <label className="flex flex-wrap items-center gap-2 text-fg-muted">
              {t("curlPrototype")}
              <Select className="h-8 w-auto" value={prototype?.id} onChange={(e) => setChosen(e.target.value)}>
                {list.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                    {p.latestRun?.status === "SUCCEEDED" ? "" : ` (${t("curlUntrained")})`}
                  </option>
                ))}
              </Select>
            </label>
          )}
          {curl && (
            <div className="flex items-start gap-2">
              <ScrollRegion label={t("curlTitle")} className="min-w-0 flex-1 bg-muted">
                <pre className="p-2 text-xs" data-testid="curl-command">
                  {curl}
                </pre>
              </ScrollRegion>
              <CopyButton text={curl} />
            </div>
          )}
          <p className="text-fg-muted">{t("curlBatch", { max: 20 })}</p>
        </>
      )}
      <a
        className="font-medium text-brand-700 hover:underline dark:text-brand-300"
        href="/api/v1/openapi.json"
        target="_blank"
        rel="noreferrer"
      >
        {t("openApi")}
      </a>
    </div>
  );
}
