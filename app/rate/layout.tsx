import { ClientMessages } from "@/components/i18n/client-messages";

/** An outside rater's questionnaire: the client components here need these messages (see components/i18n/client-messages.tsx). */
export default function RateLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["common", "assessment"]}>{children}</ClientMessages>;
}
