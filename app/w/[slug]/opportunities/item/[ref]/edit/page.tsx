import { Suspense } from "react";
import { CustomOpportunityForm } from "@/components/opportunities/custom-form";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("editOpportunity", "opportunities");

export default async function Page({ params }: { params: Promise<{ ref: string }> }) {
  const { ref } = await params;
  return (
    <Suspense>
      <CustomOpportunityForm id={decodeURIComponent(ref)} />
    </Suspense>
  );
}
