import { PrototypeSettings } from "@/components/prototypes/create-edit";

export default async function Page({ params }: { params: Promise<{ prototypeId: string }> }) {
  const { prototypeId } = await params;
  return <PrototypeSettings prototypeId={prototypeId} />;
}
