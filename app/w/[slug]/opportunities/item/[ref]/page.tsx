import { Suspense } from "react";
import { OpportunityDetail } from "@/components/opportunities/detail-page";

export default async function Page({ params }: { params: Promise<{ ref: string }> }) {
  const { ref } = await params;
  return (
    <Suspense>
      <OpportunityDetail opportunityRef={decodeURIComponent(ref)} />
    </Suspense>
  );
}
