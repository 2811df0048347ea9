import { Suspense } from "react";
import { OpportunitiesOverview } from "@/components/opportunities/overview-page";

export default function Page() {
  return (
    <Suspense>
      <OpportunitiesOverview />
    </Suspense>
  );
}
