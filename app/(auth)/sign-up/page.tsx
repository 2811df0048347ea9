import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("signUp") };
}

export default async function SignUpPage() {
  const t = await getTranslations("auth");
  return (
    <AuthCard title={t("signUpTitle")} subtitle={t("signUpSubtitle")}>
      <Suspense>
        <SignUpForm />
      </Suspense>
    </AuthCard>
  );
}
