import { ClientMessages } from "@/components/i18n/client-messages";

/** The prototype pages: the client components here need these messages (see components/i18n/client-messages.tsx). */
export default function PrototypesLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["common", "prototypes"]}>{children}</ClientMessages>;
}
