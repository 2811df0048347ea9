import { ClientMessages } from "@/components/i18n/client-messages";

/** The assessment pages: the client components here need these messages (see components/i18n/client-messages.tsx). */
export default function AssessmentLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["common", "assessment"]}>{children}</ClientMessages>;
}
