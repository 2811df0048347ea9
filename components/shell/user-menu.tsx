"use client";

import { LogOut } from "lucide-react";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { LanguageSwitch, ThemeSwitch } from "./preferences";

export function UserMenu({ user }: { user: { name: string | null; email: string } }) {
  const t = useTranslations("common");
  return (
    <div className="space-y-3 border-t border-border pt-4">
      <div className="min-w-0">
        <p className="truncate text-sm font-medium" data-testid="current-user" title={user.name ?? user.email}>
          {user.name ?? user.email}
        </p>
        <p className="truncate text-xs text-fg-subtle" title={user.email}>
          {user.email}
        </p>
      </div>
      <div className="flex flex-wrap gap-2">
        <LanguageSwitch signedIn />
        <ThemeSwitch />
      </div>
      <button onClick={() => void signOut({ callbackUrl: "/" })} className="flex items-center gap-2 text-sm text-fg-muted hover:text-fg">
        <LogOut className="size-4" aria-hidden /> {t("signOut")}
      </button>
    </div>
  );
}
