import { Suspense } from "react";
import { OpportunityDetail } from "@/components/opportunities/detail-page";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("opportunity", "opportunities");

export default async function Page({ params }: { params: Promise<{ ref: string }> }) {
  const { ref } = await params;
  return (
    <Suspense>
      <OpportunityDetail opportunityRef={decodeURIComponent(ref)} />
    </Suspense>
  );
}
