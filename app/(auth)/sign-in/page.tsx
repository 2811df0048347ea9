import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { oauthProviders } from "@/server/next/auth";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("signIn") };
}

export default async function SignInPage() {
  const t = await getTranslations("auth");
  return (
    <AuthCard title={t("signInTitle")} subtitle={t("signInSubtitle")}>
      <Suspense>
        <SignInForm oauth={oauthProviders()} />
      </Suspense>
    </AuthCard>
  );
}
