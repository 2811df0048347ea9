import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RaterLinkPage } from "@/components/assessment/rater-link-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("assessment.raters.link");
  // The token in the address is the rater's credential: keep it out of search indexes and Referer headers.
  return { title: t("pageTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

/** An outsider's rating form, reached by a private link; no account, nothing else of the workspace. */
export default async function Page({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <RaterLinkPage token={token} />;
}
