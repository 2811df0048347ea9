"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/trpc/react";
import { LanguageSwitch, ThemeSwitch } from "@/components/shell/preferences";
import { Alert } from "@/components/ui/card";
import { useErrorMessage } from "@/components/ui/errors";
import { ObserverQuestionnaire } from "./observer-form";

/** The public rater page: its own bare frame (no workspace navigation), the form, then thanks. */
export function RaterLinkPage({ token }: { token: string }) {
  const t = useTranslations("assessment.raters.link");
  const tErrors = useTranslations("assessment.raters.errors");
  const trpc = useTRPC();
  const errorMessage = useErrorMessage("assessment.raters.errors");
  const form = useQuery({
    ...trpc.raters.linkForm.queryOptions({ token }),
    retry: false,
    refetchOnWindowFocus: false,
    staleTime: Infinity,
  });
  const submit = useMutation(trpc.raters.submitLink.mutationOptions());

  let body: React.ReactNode;
  // A malformed or unknown token reads as "not valid" (never the validator's wording); only the rate limit says more.
  if (form.error) {
    body = (
      <Alert data-testid="rater-link-status">
        {form.error.data?.code === "TOO_MANY_REQUESTS" ? errorMessage(form.error) : tErrors("notFound")}
      </Alert>
    );
  } else if (!form.data) body = <p className="text-sm text-fg-muted">…</p>;
  else if (submit.isSuccess) {
    body = (
      <Alert tone="success" data-testid="rater-thanks">
        {t("thanks")}
      </Alert>
    );
  } else if (form.data.status !== "pending" || !form.data.form) {
    body = <Alert data-testid="rater-link-status">{t(`status_${form.data.status}`)}</Alert>;
  } else {
    const founder = form.data.founderName ?? t("theFounder");
    body = (
      <>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title", { founder })}</h1>
        <p className="mt-1 mb-6 text-sm text-fg-muted">{t("subtitle", { founder })}</p>
        <ObserverQuestionnaire
          form={form.data.form}
          founderName={founder}
          member={false}
          pending={submit.isPending}
          error={submit.error ? errorMessage(submit.error) : null}
          onSubmit={(answers) => submit.mutate({ token, answers })}
        />
      </>
    );
  }

  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between px-4 py-4 sm:px-6">
        <span className="text-lg font-semibold tracking-tight">
          Venture<span className="text-brand-600">Lens</span>
        </span>
        <div className="flex gap-2">
          <LanguageSwitch signedIn={false} />
          <ThemeSwitch />
        </div>
      </header>
      <main className="mx-auto w-full max-w-3xl flex-1 px-4 pb-16">{body}</main>
      <footer className="px-4 pb-6 text-center text-xs text-fg-subtle">{t("footer")}</footer>
    </div>
  );
}
