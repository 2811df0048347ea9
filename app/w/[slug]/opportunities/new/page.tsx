import { Suspense } from "react";
import { CustomOpportunityForm } from "@/components/opportunities/custom-form";

export default function Page() {
  return (
    <Suspense>
      <CustomOpportunityForm />
    </Suspense>
  );
}
