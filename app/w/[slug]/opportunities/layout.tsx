import { ClientMessages } from "@/components/i18n/client-messages";

/** The opportunity pages: the client components here need these messages (see components/i18n/client-messages.tsx). */
export default function OpportunitiesLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["common", "opportunities"]}>{children}</ClientMessages>;
}
