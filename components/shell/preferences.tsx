"use client";

import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useTheme } from "next-themes";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/trpc/react";
import { LOCALE_COOKIE, LOCALE_INFO, LOCALES, type Locale } from "@/server/i18n/locale";

/** Language switch: saved on the account when signed in, and in a cookie for signed-out pages. */
export function LanguageSwitch({ signedIn }: { signedIn: boolean }) {
  const t = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const save = useMutation(trpc.account.setLocale.mutationOptions());
  async function choose(next: Locale) {
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    if (signedIn) await save.mutateAsync({ locale: next }).catch(() => undefined);
    router.refresh();
  }
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only">{t("language")}</span>
      <select
        aria-label={t("language")}
        value={locale}
        onChange={(e) => void choose(e.target.value as Locale)}
        className="h-8 rounded-md border border-border bg-surface px-2 text-sm"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {LOCALE_INFO[l].label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ThemeSwitch() {
  const t = useTranslations("common.theme");
  const { theme, setTheme } = useTheme();
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return (
    <select
      aria-label={t("label")}
      value={mounted ? (theme ?? "system") : "system"}
      onChange={(e) => setTheme(e.target.value)}
      className="h-8 rounded-md border border-border bg-surface px-2 text-sm"
    >
      <option value="system">{t("system")}</option>
      <option value="light">{t("light")}</option>
      <option value="dark">{t("dark")}</option>
    </select>
  );
}
