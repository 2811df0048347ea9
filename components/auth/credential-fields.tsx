"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { Field, Input } from "@/components/ui/field";
import { INPUT_MAX } from "@/server/input-limits";

/** The e-mail field of the sign-in and sign-up forms, bounded as the server bounds it. */
export function EmailField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error?: string }) {
  const t = useTranslations("auth");
  return (
    <Field label={t("email")} error={error}>
      {(p) => (
        <Input
          {...p}
          type="email"
          name="email"
          autoComplete="email"
          required
          maxLength={INPUT_MAX.email}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/**
 * The password field: `current-password` to sign in, `new-password` (with the rules as a hint) to sign up,
 * so password managers fill or suggest as they should.
 */
export function PasswordField({
  value,
  onChange,
  autoComplete,
  error,
  hint,
}: {
  value: string;
  onChange: (value: string) => void;
  autoComplete: "current-password" | "new-password";
  error?: string;
  hint?: string;
}) {
  const t = useTranslations("auth");
  return (
    <Field label={t("password")} error={error} hint={hint}>
      {(p) => (
        <Input
          {...p}
          type="password"
          name="password"
          autoComplete={autoComplete}
          required
          maxLength={INPUT_MAX.password}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** "No account yet? Sign up" under one form, linking to the other with the same query (callback URL, e-mail). */
export function SwitchFormLink({ prompt, label, href }: { prompt: string; label: string; href: string }) {
  return (
    <p className="text-center text-sm text-fg-muted">
      {prompt}{" "}
      <Link className="font-medium text-brand-700 hover:underline dark:text-brand-200" href={href}>
        {label}
      </Link>
    </p>
  );
}
