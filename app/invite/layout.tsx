import { ClientMessages } from "@/components/i18n/client-messages";

/** Accepting an invitation: the client components here need the invitation's messages (see components/i18n/client-messages.tsx). */
export default function InviteLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["common", "auth.invite"]}>{children}</ClientMessages>;
}
