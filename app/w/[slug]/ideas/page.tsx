import { IdeasPage } from "@/components/ideas/ideas-page";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("ideas");

export default function Page() {
  return <IdeasPage />;
}
