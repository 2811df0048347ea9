import { ImageBrowser } from "@/components/prototypes/images";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("images", "prototypes");

export default async function Page({ params }: { params: Promise<{ prototypeId: string }> }) {
  const { prototypeId } = await params;
  return <ImageBrowser prototypeId={prototypeId} />;
}
