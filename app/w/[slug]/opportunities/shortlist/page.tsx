import { Suspense } from "react";
import { ShortlistPage } from "@/components/opportunities/shortlist-page";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("shortlist", "opportunities");

export default function Page() {
  return (
    <Suspense>
      <ShortlistPage />
    </Suspense>
  );
}
