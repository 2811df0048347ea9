import { RatersManager } from "@/components/assessment/raters-manager";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("raters", "assessment");

export default function Page() {
  return <RatersManager />;
}
