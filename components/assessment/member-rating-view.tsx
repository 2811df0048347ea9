"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/trpc/react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { BackLink } from "@/components/ui/back-link";
import { Alert, PageHeader } from "@/components/ui/card";
import { useErrorMessage } from "@/components/ui/errors";
import { ObserverQuestionnaire } from "./observer-form";

/** A member answering a teammate's rating request in the app. */
export function MemberRatingView({ raterId }: { raterId: string }) {
  const t = useTranslations("assessment.raters.link");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const errorMessage = useErrorMessage("assessment.raters.errors");
  const base = `/w/${ws.slug}/assessment`;
  const form = useQuery({ ...trpc.raters.memberForm.queryOptions({ workspaceId: ws.id, raterId }), staleTime: Infinity });
  const submit = useMutation(
    trpc.raters.submitMember.mutationOptions({
      onSuccess: () => qc.invalidateQueries({ queryKey: trpc.raters.requests.queryKey() }),
    }),
  );

  let body: React.ReactNode;
  if (form.error) body = <Alert>{errorMessage(form.error)}</Alert>;
  else if (!form.data) body = <p className="text-sm text-fg-muted">…</p>;
  else if (submit.isSuccess) {
    body = (
      <Alert tone="success" data-testid="rater-thanks">
        {t("thanks")}
      </Alert>
    );
  } else if (form.data.status !== "pending" || !form.data.form) {
    body = <Alert>{t(`status_${form.data.status}`)}</Alert>;
  } else {
    const founder = form.data.founderName ?? t("theFounder");
    body = (
      <>
        <PageHeader title={t("title", { founder })} description={t("subtitle", { founder })} />
        <ObserverQuestionnaire
          form={form.data.form}
          founderName={founder}
          member
          pending={submit.isPending}
          error={submit.error ? errorMessage(submit.error) : null}
          onSubmit={(answers, showName) => submit.mutate({ workspaceId: ws.id, raterId, answers, showName })}
        />
      </>
    );
  }
  return (
    <>
      {body}
      <BackLink href={base}>{t("back")}</BackLink>
    </>
  );
}
