import { PrototypeOverview } from "@/components/prototypes/classes-overview";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("prototype", "prototypes");

export default async function Page({ params }: { params: Promise<{ prototypeId: string }> }) {
  const { prototypeId } = await params;
  return <PrototypeOverview prototypeId={prototypeId} />;
}
