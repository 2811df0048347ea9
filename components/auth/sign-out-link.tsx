"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

export function SignOutLink({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("common");
  return (
    <Button variant="secondary" className="w-full" onClick={() => void signOut({ callbackUrl })}>
      {t("signOutAndSwitch")}
    </Button>
  );
}
