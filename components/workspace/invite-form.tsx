"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { fieldErrors, useErrorMessage } from "@/components/ui/errors";
import { useWorkspace } from "@/components/shell/workspace-context";
import { CopyButton } from "./copy-button";
import { INVITABLE_ROLES, type InvitableRole } from "@/server/permissions";

export function InviteForm() {
  const t = useTranslations("workspace.team");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const errorMessage = useErrorMessage();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<InvitableRole>("MEMBER");
  const invite = useMutation(
    trpc.invitations.create.mutationOptions({
      onSuccess: () => {
        setEmail("");
        void qc.invalidateQueries({ queryKey: trpc.invitations.list.queryKey() });
      },
    }),
  );
  const errs = fieldErrors(invite.error);
  return (
    <div className="space-y-4">
      <form
        className="grid grid-cols-1 gap-3 sm:grid-cols-[minmax(0,1fr)_10rem_auto] sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          invite.mutate({ workspaceId: ws.id, email, role });
        }}
      >
        <Field label={t("inviteEmail")} error={errs.email}>
          {(p) => (
            <Input {...p} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} placeholder="name@company.com" />
          )}
        </Field>
        <Field label={t("role")}>
          {(p) => (
            <Select {...p} value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
              {INVITABLE_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Button type="submit" loading={invite.isPending}>
          {t("sendInvite")}
        </Button>
      </form>
      {invite.error && !errs.email && <Alert>{errorMessage(invite.error)}</Alert>}
      {invite.data && (
        <Alert tone="success">
          <p className="font-medium">{invite.data.emailed ? t("inviteEmailed") : t("inviteCreated")}</p>
          <div className="mt-2 flex items-center gap-2">
            <code className="min-w-0 flex-1 truncate rounded bg-surface px-2 py-1 text-xs" data-testid="invite-link">
              {invite.data.link}
            </code>
            <CopyButton text={invite.data.link} />
          </div>
        </Alert>
      )}
    </div>
  );
}
