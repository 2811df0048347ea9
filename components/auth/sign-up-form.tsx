"use client";

import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { useFieldErrors, useErrorMessage } from "@/components/ui/errors";
import { NAME_MAX_LENGTH } from "@/server/auth/name";
import { safeCallback } from "./callback-url";
import { EmailField, PasswordField, SwitchFormLink } from "./credential-fields";
import { asLocale } from "@/server/i18n/locale";

export function SignUpForm() {
  const t = useTranslations("auth");
  const locale = useLocale();
  const router = useRouter();
  const params = useSearchParams();
  const trpc = useTRPC();
  const errorMessage = useErrorMessage();
  const fieldErrors = useFieldErrors();
  const [name, setName] = useState("");
  const [email, setEmail] = useState(params.get("email") ?? "");
  const [password, setPassword] = useState("");
  const [signInError, setSignInError] = useState(false);
  const signUp = useMutation(
    trpc.account.signUp.mutationOptions({
      onSuccess: async (res) => {
        const r = await signIn("credentials", { email, password, redirect: false });
        if (!r || r.error) {
          setSignInError(true);
          return;
        }
        router.push(safeCallback(params.get("callbackUrl"), window.location.origin, `/w/${res.workspaceSlug}`));
        router.refresh();
      },
    }),
  );
  const errs = fieldErrors(signUp.error);
  return (
    <div className="space-y-5">
      <form
        className="space-y-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          signUp.mutate({ name, email, password, locale: asLocale(locale) });
        }}
      >
        <Field label={t("name")} error={errs.name}>
          {(p) => (
            <Input
              {...p}
              name="name"
              autoComplete="name"
              required
              maxLength={NAME_MAX_LENGTH}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <EmailField value={email} onChange={setEmail} error={errs.email} />
        <PasswordField value={password} onChange={setPassword} autoComplete="new-password" error={errs.password} hint={t("passwordHint")} />
        {signUp.error && Object.keys(errs).length === 0 && <Alert>{errorMessage(signUp.error)}</Alert>}
        {signInError && <Alert>{t("errors.signInAfterSignUp")}</Alert>}
        <Button type="submit" className="w-full" loading={signUp.isPending}>
          {t("createAccount")}
        </Button>
      </form>
      <SwitchFormLink prompt={t("haveAccount")} label={t("signIn")} href={`/sign-in?${params.toString()}`} />
    </div>
  );
}
