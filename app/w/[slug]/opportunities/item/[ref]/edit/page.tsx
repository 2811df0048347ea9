import { Suspense } from "react";
import { CustomOpportunityForm } from "@/components/opportunities/custom-form";
import { notFound } from "next/navigation";
import { pageTitle } from "@/server/next/page-title";
import { requireWorkspace } from "@/server/next/workspace-page";
import { PAGE_PERMISSIONS } from "@/server/permissions";

export const generateMetadata = pageTitle("editOpportunity", "opportunities");

export default async function Page({ params }: { params: Promise<{ slug: string; ref: string }> }) {
  const { slug, ref } = await params;
  // A viewer cannot save one: the page answers "not found", as its links are hidden (PAGE_PERMISSIONS).
  const { permissions } = await requireWorkspace(slug);
  if (!permissions.includes(PAGE_PERMISSIONS.editOpportunity)) notFound();
  return (
    <Suspense>
      <CustomOpportunityForm id={decodeURIComponent(ref)} />
    </Suspense>
  );
}
