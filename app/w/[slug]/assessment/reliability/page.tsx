import { notFound } from "next/navigation";
import { ReliabilityView } from "@/components/assessment/reliability-view";
import { requireWorkspace } from "@/server/next/workspace-page";
import { pageTitle } from "@/server/next/page-title";
import { PAGE_PERMISSIONS } from "@/server/permissions";

export const generateMetadata = pageTitle("reliability", "assessment");

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { permissions } = await requireWorkspace(slug);
  // The procedure refuses non-admins anyway; this keeps them from a page of error messages.
  if (!permissions.includes(PAGE_PERMISSIONS.reliability)) notFound();
  return <ReliabilityView />;
}
