"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/trpc/react";
import { Button } from "@/components/ui/button";
import { Alert, Badge, Card, CardTitle, PageHeader } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { useErrorMessage } from "@/components/ui/errors";
import { useWorkspace } from "@/components/shell/workspace-context";
import { InviteForm } from "./invite-form";
import { ROLES } from "@/server/permissions";

type Role = "OWNER" | "ADMIN" | "MEMBER" | "VIEWER";

export function TeamPage({ extra }: { extra?: React.ReactNode }) {
  const t = useTranslations("workspace.team");
  const format = useFormatter();
  const ws = useWorkspace();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const errorMessage = useErrorMessage();
  const members = useQuery(trpc.members.list.queryOptions({ workspaceId: ws.id }));
  const invitations = useQuery({ ...trpc.invitations.list.queryOptions({ workspaceId: ws.id }), enabled: ws.can("members.invite") });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
    void qc.invalidateQueries({ queryKey: trpc.invitations.list.queryKey() });
  };
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.members.remove.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.invitations.revoke.mutationOptions({ onSuccess: refresh }));
  const leave = useMutation(
    trpc.members.leave.mutationOptions({
      onSuccess: () => {
        router.push("/w");
        router.refresh();
      },
    }),
  );
  const error = changeRole.error ?? remove.error ?? revoke.error ?? leave.error;
  const canManage = ws.can("members.manage");

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {error && <Alert className="mb-4">{errorMessage(error)}</Alert>}
      <div className="space-y-6">
        {extra}
        <Card>
          <CardTitle>{t("members")}</CardTitle>
          <ul className="mt-4 divide-y divide-border" aria-label={t("members")}>
            {(members.data ?? []).map((m) => (
              <li key={m.id} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="member-row">
                <div className="min-w-0">
                  <p className="truncate text-sm font-medium" title={m.user.name ?? m.user.email}>
                    {m.user.name ?? m.user.email} {m.user.id === ws.userId && <Badge>{t("you")}</Badge>}
                  </p>
                  <p className="truncate text-xs text-fg-subtle" title={m.user.email}>
                    {m.user.email}
                  </p>
                </div>
                <div className="flex items-center gap-2">
                  {canManage && m.user.id !== ws.userId ? (
                    <>
                      <Select
                        aria-label={t("roleOf", { name: m.user.name ?? m.user.email })}
                        className="h-8 w-36"
                        value={m.role}
                        disabled={changeRole.isPending}
                        onChange={(e) => changeRole.mutate({ workspaceId: ws.id, membershipId: m.id, role: e.target.value as Role })}
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {t(`roles.${r}`)}
                          </option>
                        ))}
                      </Select>
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => {
                          if (confirm(t("removeConfirm", { name: m.user.name ?? m.user.email }))) {
                            remove.mutate({ workspaceId: ws.id, membershipId: m.id });
                          }
                        }}
                      >
                        {t("remove")}
                      </Button>
                    </>
                  ) : (
                    <Badge tone={m.role === "OWNER" ? "brand" : "neutral"}>{t(`roles.${m.role}`)}</Badge>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </Card>

        {ws.can("members.invite") && (
          <Card>
            <CardTitle>{t("invite")}</CardTitle>
            <p className="mb-4 mt-1 text-sm text-fg-muted">{t("inviteHelp")}</p>
            <InviteForm />
            {(invitations.data?.length ?? 0) > 0 && (
              <div className="mt-6">
                <h3 className="text-sm font-semibold">{t("pending")}</h3>
                <ul className="mt-2 divide-y divide-border">
                  {invitations.data!.map((inv) => (
                    <li
                      key={inv.id}
                      className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm"
                      data-testid="invitation-row"
                    >
                      <span>
                        {inv.email} · {t(`roles.${inv.role}`)} ·{" "}
                        <span className="text-fg-subtle">
                          {t("expires", { date: format.dateTime(inv.expiresAt, { dateStyle: "medium" }) })}
                        </span>
                      </span>
                      <Button size="sm" variant="ghost" onClick={() => revoke.mutate({ workspaceId: ws.id, invitationId: inv.id })}>
                        {t("revoke")}
                      </Button>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </Card>
        )}

        {!(ws.personal && ws.role === "OWNER") && (
          <Card>
            <CardTitle>{t("leaveTitle")}</CardTitle>
            <p className="mb-3 mt-1 text-sm text-fg-muted">{t("leaveHelp")}</p>
            <Button
              variant="secondary"
              loading={leave.isPending}
              onClick={() => confirm(t("leaveConfirm")) && leave.mutate({ workspaceId: ws.id })}
            >
              {t("leave")}
            </Button>
          </Card>
        )}
      </div>
    </>
  );
}
