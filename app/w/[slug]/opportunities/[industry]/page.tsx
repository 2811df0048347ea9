import { notFound } from "next/navigation";
import { Suspense } from "react";
import { IndustryDashboard } from "@/components/opportunities/industry-page";
import { INDUSTRIES, type IndustryId } from "@/server/opportunities/dataset-schema";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("industry", "opportunities");

export default async function Page({ params }: { params: Promise<{ industry: string }> }) {
  const { industry } = await params;
  if (!(INDUSTRIES as readonly string[]).includes(industry)) notFound();
  return (
    <Suspense>
      <IndustryDashboard industry={industry as IndustryId} />
    </Suspense>
  );
}
