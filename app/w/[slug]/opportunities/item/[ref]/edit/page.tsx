import { Suspense } from "react";
import { CustomOpportunityForm } from "@/components/opportunities/custom-form";

export default async function Page({ params }: { params: Promise<{ ref: string }> }) {
  const { ref } = await params;
  return (
    <Suspense>
      <CustomOpportunityForm id={decodeURIComponent(ref)} />
    </Suspense>
  );
}
