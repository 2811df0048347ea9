import { PrototypeOverview } from "@/components/prototypes/classes-overview";

export default async function Page({ params }: { params: Promise<{ prototypeId: string }> }) {
  const { prototypeId } = await params;
  return <PrototypeOverview prototypeId={prototypeId} />;
}
