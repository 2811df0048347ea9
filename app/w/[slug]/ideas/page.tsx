import { IdeasPage } from "@/components/ideas/ideas-page";
import { ClientMessages } from "@/components/i18n/client-messages";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("ideas");

/** The list needs an idea form's industries, not the opportunities or prototypes catalogues (see components/i18n/client-messages.tsx). */
export default function Page() {
  return (
    <ClientMessages namespaces={["common", "ideas", "opportunities.industry"]}>
      <IdeasPage />
    </ClientMessages>
  );
}
