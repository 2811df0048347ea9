import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { MessageNamespace } from "@/server/i18n/messages";

/**
 * Hands the client components below it only the message namespaces they use. Without a `messages`
 * prop next-intl serialises every namespace (about 90 KB of JSON) into every server-rendered page,
 * and that serialisation was most of a page's server time: the landing page went from 55 to 104 KB
 * and from 35 to 47–51 ms of CPU as the catalog grew. A nested provider replaces the one above it,
 * so each list names everything its subtree needs (components/i18n/client-messages.test.ts checks
 * the lists against the client components each layout and page renders).
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly MessageNamespace[]; children: React.ReactNode }) {
  const all = await getMessages();
  const picked = Object.fromEntries(namespaces.map((ns) => [ns, all[ns] ?? {}]));
  return <NextIntlClientProvider messages={picked}>{children}</NextIntlClientProvider>;
}
