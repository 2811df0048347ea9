"use client";

import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/react";
import { Button } from "@/components/ui/button";
import { Alert, Card, CardTitle, PageHeader } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { useFieldErrors, useErrorMessage } from "@/components/ui/errors";
import { auditActionKey, auditArgs } from "./audit-text";
import { useWorkspace } from "@/components/shell/workspace-context";
import { ApiKeysCard } from "./api-keys-card";
import { INPUT_MAX } from "@/server/input-limits";

export function SettingsPage() {
  const t = useTranslations("workspace.settings");
  const ws = useWorkspace();
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        <RenameCard />
        {ws.can("apikey.manage") && <ApiKeysCard />}
        {ws.can("audit.read") && <AuditCard />}
        {ws.can("workspace.delete") && <DeleteCard />}
        {!ws.can("workspace.update") && <Alert tone="info">{t("readOnly")}</Alert>}
      </div>
    </>
  );
}

function RenameCard() {
  const t = useTranslations("workspace.settings");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const router = useRouter();
  const errorMessage = useErrorMessage();
  const fieldErrors = useFieldErrors();
  const [name, setName] = useState(ws.name);
  const rename = useMutation(trpc.workspace.rename.mutationOptions({ onSuccess: () => router.refresh() }));
  const disabled = !ws.can("workspace.update");
  return (
    <Card>
      <CardTitle>{t("general")}</CardTitle>
      <form
        className="mt-4 flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          rename.mutate({ workspaceId: ws.id, name });
        }}
      >
        <div className="min-w-64 flex-1">
          <Field label={t("name")} error={fieldErrors(rename.error).name}>
            {(p) => (
              <Input
                {...p}
                value={name}
                disabled={disabled}
                onChange={(e) => setName(e.target.value)}
                required
                minLength={2}
                maxLength={INPUT_MAX.workspaceName}
              />
            )}
          </Field>
        </div>
        <Button type="submit" disabled={disabled || name === ws.name} loading={rename.isPending}>
          {t("save")}
        </Button>
      </form>
      {rename.isSuccess && (
        <Alert tone="success" className="mt-3">
          {t("saved")}
        </Alert>
      )}
      {rename.error && !fieldErrors(rename.error).name && <Alert className="mt-3">{errorMessage(rename.error)}</Alert>}
    </Card>
  );
}

function AuditCard() {
  const t = useTranslations("workspace.audit");
  const roles = useTranslations("workspace.team.roles");
  const format = useFormatter();
  const ws = useWorkspace();
  const trpc = useTRPC();
  const audit = useInfiniteQuery(
    trpc.workspace.audit.infiniteQueryOptions({ workspaceId: ws.id, limit: 20 }, { getNextPageParam: (p) => p.nextCursor ?? undefined }),
  );
  const items = audit.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card>
      <CardTitle>{t("title")}</CardTitle>
      <p className="mt-1 text-sm text-fg-muted">{t("description")}</p>
      <ol className="mt-4 divide-y divide-border" aria-label={t("title")}>
        {items.map((a) => (
          <li key={a.id} className="flex flex-wrap justify-between gap-2 py-2 text-sm" data-testid="audit-row">
            <span>
              <span className="font-medium">{a.actor?.name ?? a.actor?.email ?? t("someone")}</span>{" "}
              {actionText(
                t,
                a.action,
                auditArgs(a.data, (role) => (roles.has(role) ? roles(role) : role), a.action),
              )}
            </span>
            <time className="text-fg-subtle" dateTime={a.createdAt.toISOString()}>
              {format.dateTime(a.createdAt, { dateStyle: "medium", timeStyle: "short" })}
            </time>
          </li>
        ))}
      </ol>
      {audit.hasNextPage && (
        <Button
          variant="secondary"
          size="sm"
          className="mt-3"
          loading={audit.isFetchingNextPage}
          onClick={() => void audit.fetchNextPage()}
        >
          {t("more")}
        </Button>
      )}
    </Card>
  );
}

/** Message keys cannot contain dots (next-intl reads them as nesting): "member.left" → "member_left". */
function actionText(t: ReturnType<typeof useTranslations<"workspace.audit">>, action: string, args: Record<string, string>) {
  const key = auditActionKey(action);
  return t.has(key) ? t(key, args) : t("unknownAction");
}

function DeleteCard() {
  const t = useTranslations("workspace.settings");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const router = useRouter();
  const errorMessage = useErrorMessage();
  const [confirmName, setConfirmName] = useState("");
  const del = useMutation(
    trpc.workspace.delete.mutationOptions({
      onSuccess: () => {
        router.push("/w");
        router.refresh();
      },
    }),
  );
  return (
    <Card className="border-red-300 dark:border-red-900">
      <CardTitle className="text-red-700 dark:text-red-300">{t("deleteTitle")}</CardTitle>
      <p className="mt-1 text-sm text-fg-muted">{t("deleteHelp", { name: ws.name })}</p>
      <form
        className="mt-4 flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          del.mutate({ workspaceId: ws.id, confirmName });
        }}
      >
        <div className="min-w-64 flex-1">
          <Field label={t("deleteConfirmLabel")}>
            {(p) => (
              <Input
                {...p}
                value={confirmName}
                onChange={(e) => setConfirmName(e.target.value)}
                maxLength={INPUT_MAX.confirmName}
                autoComplete="off"
              />
            )}
          </Field>
        </div>
        <Button type="submit" variant="danger" disabled={confirmName !== ws.name} loading={del.isPending}>
          {t("deleteButton")}
        </Button>
      </form>
      {del.error && <Alert className="mt-3">{errorMessage(del.error)}</Alert>}
    </Card>
  );
}
