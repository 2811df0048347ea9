import { ReviewInbox } from "@/components/prototypes/review-inbox";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("prototypeReview", "prototypes");

export default async function Page({ params }: { params: Promise<{ prototypeId: string }> }) {
  const { prototypeId } = await params;
  return <ReviewInbox prototypeId={prototypeId} />;
}
