import { Suspense } from "react";
import { ShortlistPage } from "@/components/opportunities/shortlist-page";

export default function Page() {
  return (
    <Suspense>
      <ShortlistPage />
    </Suspense>
  );
}
