import { PrototypeSettings } from "@/components/prototypes/create-edit";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("prototypeSettings", "prototypes");

export default async function Page({ params }: { params: Promise<{ prototypeId: string }> }) {
  const { prototypeId } = await params;
  return <PrototypeSettings prototypeId={prototypeId} />;
}
