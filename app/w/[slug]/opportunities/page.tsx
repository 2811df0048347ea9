import { Suspense } from "react";
import { OpportunitiesOverview } from "@/components/opportunities/overview-page";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("opportunities");

export default function Page() {
  return (
    <Suspense>
      <OpportunitiesOverview />
    </Suspense>
  );
}
