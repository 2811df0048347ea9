import { MemberRatingView } from "@/components/assessment/member-rating-view";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("rateTeammate", "assessment");

export default async function Page({ params }: { params: Promise<{ raterId: string }> }) {
  const { raterId } = await params;
  return <MemberRatingView raterId={raterId} />;
}
