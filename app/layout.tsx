import "@fontsource-variable/inter";
import "./globals.css";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Providers } from "./providers";
import { asLocale, LOCALE_INFO } from "@/server/i18n/locale";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: { default: "VentureLens", template: "%s · VentureLens" }, description: t("tagline") };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={LOCALE_INFO[asLocale(locale)].htmlLang} suppressHydrationWarning>
      <body className="min-h-screen font-sans">
        <ClientMessages namespaces={["common"]}>
          <Providers>{children}</Providers>
        </ClientMessages>
      </body>
    </html>
  );
}
