import { ClientMessages } from "@/components/i18n/client-messages";

/** An outside rater's questionnaire: the client components here need the raters' part of the assessment messages (see components/i18n/client-messages.tsx). */
export default function RateLayout({ children }: { children: React.ReactNode }) {
  return (
    <ClientMessages namespaces={["common", "assessment.raters.errors", "assessment.raters.form", "assessment.raters.link"]}>
      {children}
    </ClientMessages>
  );
}
