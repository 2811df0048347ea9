import { Suspense } from "react";
import { CustomOpportunityForm } from "@/components/opportunities/custom-form";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("newOpportunity", "opportunities");

export default function Page() {
  return (
    <Suspense>
      <CustomOpportunityForm />
    </Suspense>
  );
}
