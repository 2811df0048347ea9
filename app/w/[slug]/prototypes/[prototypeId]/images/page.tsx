import { ImageBrowser } from "@/components/prototypes/images";

export default async function Page({ params }: { params: Promise<{ prototypeId: string }> }) {
  const { prototypeId } = await params;
  return <ImageBrowser prototypeId={prototypeId} />;
}
