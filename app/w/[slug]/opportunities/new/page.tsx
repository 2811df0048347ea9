import { Suspense } from "react";
import { CustomOpportunityForm } from "@/components/opportunities/custom-form";
import { notFound } from "next/navigation";
import { pageTitle } from "@/server/next/page-title";
import { requireWorkspace } from "@/server/next/workspace-page";
import { PAGE_PERMISSIONS } from "@/server/permissions";

export const generateMetadata = pageTitle("newOpportunity", "opportunities");

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  // A viewer cannot save one: the page answers "not found", as its links are hidden (PAGE_PERMISSIONS).
  const { permissions } = await requireWorkspace((await params).slug);
  if (!permissions.includes(PAGE_PERMISSIONS.newOpportunity)) notFound();
  return (
    <Suspense>
      <CustomOpportunityForm />
    </Suspense>
  );
}
