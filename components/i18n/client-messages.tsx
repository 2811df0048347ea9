import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { pickMessages, type MessagePath } from "@/server/i18n/messages";

/**
 * Hands the client components below it only the messages they use. Without a `messages` prop
 * next-intl serialises every namespace (about 90 KB of JSON) into every server-rendered page, and
 * that serialisation was most of a page's server time: the landing page went from 55 to 104 KB and
 * from 35 to 47–51 ms of CPU as the catalog grew. A list names whole namespaces ("ideas") or
 * sub-trees of one ("prototypes.evidence"): the workspace home shows a run's status and an idea's
 * verdict, and needs those few keys of `prototypes` and `ideas`, not the 25 and 13 KB around them.
 * A nested provider replaces the one above it, so each list names everything its subtree needs
 * (components/i18n/client-messages.test.ts checks the lists against the client components each
 * layout and page renders, and against the catalogue in both languages).
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly MessagePath[]; children: React.ReactNode }) {
  const all = await getMessages();
  return <NextIntlClientProvider messages={pickMessages(all, namespaces)}>{children}</NextIntlClientProvider>;
}
