import { ClientMessages } from "@/components/i18n/client-messages";

/** Sign-in and sign-up: the client components here need these messages (see components/i18n/client-messages.tsx). */
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["common", "auth"]}>{children}</ClientMessages>;
}
