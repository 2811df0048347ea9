import { IdeasPage } from "@/components/ideas/ideas-page";

export default function Page() {
  return <IdeasPage />;
}
