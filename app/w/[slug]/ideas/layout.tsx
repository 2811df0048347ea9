import { ClientMessages } from "@/components/i18n/client-messages";

/** An idea links opportunities and prototype evidence: the client components here need these messages (see components/i18n/client-messages.tsx). */
export default function IdeasLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["common", "ideas", "opportunities", "prototypes"]}>{children}</ClientMessages>;
}
