import { BarChart3, Brain, FlaskConical, Lightbulb } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch, ThemeSwitch } from "@/components/shell/preferences";
import { getSessionUser } from "@/server/next/auth";
import { Logo } from "@/components/ui/logo";

const FEATURES = [
  { key: "assessment", icon: Brain },
  { key: "opportunities", icon: BarChart3 },
  { key: "prototypes", icon: FlaskConical },
  { key: "ideas", icon: Lightbulb },
] as const;

export default async function Landing() {
  const t = await getTranslations("common");
  const user = await getSessionUser();
  return (
    <div className="min-h-screen">
      <header className="mx-auto flex max-w-6xl items-center justify-between px-6 py-5">
        <Logo link={false} />
        <nav className="flex items-center gap-3">
          <LanguageSwitch signedIn={Boolean(user)} />
          <ThemeSwitch />
          {user ? (
            <Link href="/w" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
              {t("landing.openWorkspace")}
            </Link>
          ) : (
            <>
              <Link href="/sign-in" className="text-sm font-medium hover:underline">
                {t("landing.signIn")}
              </Link>
              <Link href="/sign-up" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
                {t("landing.getStarted")}
              </Link>
            </>
          )}
        </nav>
      </header>
      <main className="mx-auto max-w-6xl px-6">
        <section className="py-16 text-center md:py-24">
          <h1 className="mx-auto max-w-3xl text-4xl font-bold tracking-tight md:text-5xl">{t("landing.headline")}</h1>
          <p className="mx-auto mt-5 max-w-2xl text-lg text-fg-muted">{t("landing.subhead")}</p>
          <div className="mt-8 flex justify-center gap-3">
            <Link href={user ? "/w" : "/sign-up"} className="rounded-md bg-brand-600 px-5 py-3 font-medium text-white hover:bg-brand-700">
              {user ? t("landing.openWorkspace") : t("landing.getStarted")}
            </Link>
          </div>
        </section>
        <section className="grid grid-cols-1 gap-6 pb-24 sm:grid-cols-2 lg:grid-cols-4">
          {FEATURES.map(({ key, icon: Icon }) => (
            <div key={key} className="rounded-lg border border-border bg-surface p-6">
              <Icon className="mb-3 size-6 text-brand-600" aria-hidden />
              <h2 className="font-semibold">{t(`sections.${key}.title`)}</h2>
              <p className="mt-2 text-sm text-fg-muted">{t(`sections.${key}.description`)}</p>
            </div>
          ))}
        </section>
      </main>
    </div>
  );
}
