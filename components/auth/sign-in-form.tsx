"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { safeCallback } from "./callback-url";
import { EmailField, PasswordField, SwitchFormLink } from "./credential-fields";

/** Maps next-auth's error codes (and our reason keys) to a sentence; unknown codes stay generic. */
const KNOWN = new Set([
  "missingCredentials",
  "invalidCredentials",
  "tooManyAttempts",
  "emailRequired",
  "OAuthAccountNotLinked",
  "SessionRequired",
]);

export function SignInForm({ oauth }: { oauth: { id: string; name: string }[] }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const params = useSearchParams();
  const [email, setEmail] = useState(params.get("email") ?? "");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(params.get("error"));
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    // An empty form never reaches the server: it would only answer "invalid email or password".
    if (!email.trim() || !password) {
      setError("missingCredentials");
      return;
    }
    setPending(true);
    setError(null);
    const res = await signIn("credentials", { email, password, redirect: false });
    setPending(false);
    if (!res || res.error) {
      setError(res?.error ?? "invalidCredentials");
      return;
    }
    router.push(safeCallback(params.get("callbackUrl"), window.location.origin));
    router.refresh();
  }

  return (
    <div className="space-y-5">
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <EmailField value={email} onChange={setEmail} />
        <PasswordField value={password} onChange={setPassword} autoComplete="current-password" />
        {error && <Alert>{t(`errors.${KNOWN.has(error) ? error : "invalidCredentials"}`)}</Alert>}
        <Button type="submit" className="w-full" loading={pending}>
          {t("signIn")}
        </Button>
      </form>
      {oauth.length > 0 && (
        <div className="space-y-2">
          <p className="text-center text-xs text-fg-subtle">{t("or")}</p>
          {oauth.map((p) => (
            <Button
              key={p.id}
              variant="secondary"
              className="w-full"
              onClick={() => void signIn(p.id, { callbackUrl: safeCallback(params.get("callbackUrl"), window.location.origin) })}
            >
              {t("continueWith", { provider: p.name })}
            </Button>
          ))}
        </div>
      )}
      <SwitchFormLink prompt={t("noAccount")} label={t("signUp")} href={`/sign-up?${params.toString()}`} />
    </div>
  );
}
