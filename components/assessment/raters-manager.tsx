"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { BackLink } from "@/components/ui/back-link";
import { Button } from "@/components/ui/button";
import { Alert, Badge, Card, CardTitle, PageHeader } from "@/components/ui/card";
import { useErrorMessage } from "@/components/ui/errors";
import { Input, Select } from "@/components/ui/field";

const DAY_CHOICES = [7, 30, 60, 90] as const;

/** The founder's raters: invite by link or in the app, see who answered (never what), revoke, delete. */
export function RatersManager() {
  const t = useTranslations("assessment.raters.manage");
  const format = useFormatter();
  const ws = useWorkspace();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const errorMessage = useErrorMessage("assessment.raters.errors");
  const base = `/w/${ws.slug}/assessment`;

  const raters = useQuery(trpc.raters.list.queryOptions({ workspaceId: ws.id }));
  const members = useQuery(trpc.members.list.queryOptions({ workspaceId: ws.id }));
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.raters.pathKey() });

  const [label, setLabel] = useState("");
  const [days, setDays] = useState("");
  const [memberId, setMemberId] = useState("");
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const inviteLink = useMutation(
    trpc.raters.inviteLink.mutationOptions({
      onSuccess: (data) => {
        setLink(data.link);
        setCopied(false);
        setLabel("");
        void refresh();
      },
    }),
  );
  const inviteMember = useMutation(
    trpc.raters.inviteMember.mutationOptions({
      onSuccess: () => {
        setMemberId("");
        void refresh();
      },
    }),
  );
  const revoke = useMutation(trpc.raters.revoke.mutationOptions({ onSuccess: () => void refresh() }));
  const remove = useMutation(trpc.raters.delete.mutationOptions({ onSuccess: () => void refresh() }));
  const actionError = revoke.error ?? remove.error;

  const others = (members.data ?? []).filter((m) => m.user.id !== ws.userId);
  const statusTone = { pending: "brand", submitted: "good", expired: "neutral", revoked: "neutral" } as const;

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Alert tone="info" className="mb-6" data-testid="raters-privacy">
        {t("privacy")}
      </Alert>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardTitle>{t("linkTitle")}</CardTitle>
          <p className="mt-1 text-sm text-fg-muted">{t("linkHelp")}</p>
          <form
            className="mt-4 space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              inviteLink.mutate({ workspaceId: ws.id, label, days: days ? Number(days) : undefined });
            }}
          >
            <label className="block text-sm">
              <span className="font-medium">{t("label")}</span>
              <Input
                value={label}
                onChange={(e) => setLabel(e.target.value)}
                maxLength={60}
                required
                placeholder={t("labelPlaceholder")}
                className="mt-1"
                data-testid="rater-label"
              />
              <span className="mt-1 block text-xs text-fg-muted">{t("labelHelp")}</span>
            </label>
            <label className="block text-sm">
              <span className="font-medium">{t("validFor")}</span>
              <Select value={days} onChange={(e) => setDays(e.target.value)} className="mt-1">
                <option value="">{t("defaultDays")}</option>
                {DAY_CHOICES.map((d) => (
                  <option key={d} value={d}>
                    {t("days", { days: d })}
                  </option>
                ))}
              </Select>
            </label>
            {inviteLink.error && <Alert>{errorMessage(inviteLink.error)}</Alert>}
            {/* Enabled once the list has loaded: invalidating a first fetch still in flight would not refetch it. */}
            <Button type="submit" disabled={inviteLink.isPending || !raters.data} data-testid="create-rater-link">
              {t("createLink")}
            </Button>
          </form>
          {link && (
            <div className="mt-4 space-y-2" data-testid="new-rater-link">
              <Alert tone="success">{t("linkOnce")}</Alert>
              <div className="flex gap-2">
                <Input
                  readOnly
                  value={link}
                  aria-label={t("linkLabel")}
                  data-testid="rater-link-value"
                  onFocus={(e) => e.target.select()}
                />
                <Button
                  type="button"
                  variant="secondary"
                  onClick={() => void navigator.clipboard?.writeText(link).then(() => setCopied(true))}
                >
                  {copied ? t("copied") : t("copy")}
                </Button>
              </div>
            </div>
          )}
        </Card>

        <Card>
          <CardTitle>{t("memberTitle")}</CardTitle>
          <p className="mt-1 text-sm text-fg-muted">{t("memberHelp")}</p>
          {others.length === 0 ? (
            <p className="mt-4 text-sm text-fg-muted">{t("noMembers")}</p>
          ) : (
            <form
              className="mt-4 flex flex-wrap items-end gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                if (memberId) inviteMember.mutate({ workspaceId: ws.id, raterUserId: memberId });
              }}
            >
              <label className="min-w-0 flex-1 text-sm">
                <span className="font-medium">{t("member")}</span>
                <Select value={memberId} onChange={(e) => setMemberId(e.target.value)} className="mt-1" required>
                  <option value="">{t("chooseMember")}</option>
                  {others.map((m) => (
                    <option key={m.user.id} value={m.user.id}>
                      {m.user.name ?? m.user.email}
                    </option>
                  ))}
                </Select>
              </label>
              <Button type="submit" disabled={inviteMember.isPending || !memberId || !raters.data}>
                {t("ask")}
              </Button>
            </form>
          )}
          {inviteMember.error && <Alert className="mt-3">{errorMessage(inviteMember.error)}</Alert>}
        </Card>
      </div>

      <Card className="mt-6">
        <CardTitle>{t("listTitle")}</CardTitle>
        {actionError && <Alert className="mt-3">{errorMessage(actionError)}</Alert>}
        {raters.error && <Alert className="mt-3">{errorMessage(raters.error)}</Alert>}
        {raters.data && raters.data.length === 0 && <p className="mt-3 text-sm text-fg-muted">{t("none")}</p>}
        <ul className="mt-3 divide-y divide-border" data-testid="rater-list">
          {raters.data?.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm" data-testid="rater-row">
              <div className="min-w-0">
                <p className="font-medium break-words">{r.label}</p>
                <p className="text-xs text-fg-muted">
                  {t(r.kind === "LINK" ? "kindLink" : "kindMember")} ·{" "}
                  {r.submittedAt
                    ? t("answeredOn", { date: format.dateTime(r.submittedAt, { dateStyle: "medium" }) })
                    : t("expiresOn", { date: format.dateTime(r.expiresAt, { dateStyle: "medium" }) })}
                  {r.kind === "MEMBER" && r.submittedAt && ` · ${t(r.showName ? "named" : "anonymous")}`}
                </p>
              </div>
              <div className="flex items-center gap-2">
                <Badge tone={statusTone[r.status]}>{t(`status_${r.status}`)}</Badge>
                {r.status === "pending" && (
                  <Button size="sm" variant="secondary" onClick={() => revoke.mutate({ workspaceId: ws.id, raterId: r.id })}>
                    {t("revoke")}
                  </Button>
                )}
                <Button
                  size="sm"
                  variant="secondary"
                  onClick={() => {
                    if (window.confirm(t(r.submittedAt ? "confirmDeleteAnswers" : "confirmRemove", { label: r.label }))) {
                      remove.mutate({ workspaceId: ws.id, raterId: r.id });
                    }
                  }}
                >
                  {t(r.submittedAt ? "deleteAnswers" : "remove")}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      </Card>

      <BackLink href={base}>{t("back")}</BackLink>
    </>
  );
}
