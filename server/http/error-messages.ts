import { createTranslator, type AbstractIntlMessages } from "next-intl";
import { localeCookie, preferredLocale, type Locale } from "@/server/i18n/locale";
import { loadMessages } from "@/server/i18n/messages";

/**
 * Every `reason` the route wrapper (./route.ts) and the REST endpoints behind it answer with. Each has a
 * sentence in messages/<locale>/api.json (`api.errors.<reason>`, a unit test checks every language), which
 * becomes the error's `message` in the caller's language; the reasons themselves are a stable contract.
 */
export const REST_ERROR_REASONS = [
  // The wrapper: origin, content type, database, authentication, unexpected failures.
  "crossOrigin",
  "unsupportedMediaType",
  "databaseUnavailable",
  "invalidApiKey",
  "signIn",
  "forbidden",
  "notFound",
  "internal",
  // Reading the body (./body.ts).
  "bodyTooLarge",
  "badForm",
  "emptyBody",
  // POST /api/v1/prototypes/{id}/predict (server/prototypes/rest-predict*.ts, predict.ts).
  "missingImage",
  "oneZipOnly",
  "tooLarge",
  "tooManyImages",
  "imageUnreadable",
  "zipUnreadable",
  "zipTooLarge",
  "zipTooManyEntries",
  "noImagesInZip",
  "rateLimited",
  "runNotFound",
  "noTrainedRun",
  "artifactMissing",
] as const;

export type RestErrorReason = (typeof REST_ERROR_REASONS)[number];

/**
 * The language a request's errors are written in, in the order pages pick theirs
 * (server/i18n/locale.ts): `saved`, the signed-in account's choice (routes the app's pages call),
 * else the language picker's cookie, else the first language of Accept-Language the app speaks, else English.
 */
export function callerLocale(request: Request, saved?: unknown): Locale {
  return preferredLocale({
    saved,
    cookie: localeCookie(request.headers.get("cookie")),
    acceptLanguage: request.headers.get("accept-language"),
  });
}

/** Message catalogues (`namespace.key` in messages/<locale>/) an error's sentence may come from. */
export type ErrorCatalogue = "api.errors" | "common.errors" | "prototypes.dataErrors" | "prototypes.runErrors";

/** The REST API's own sentences: what a route answers in unless it names others. */
export const API_ERRORS: readonly ErrorCatalogue[] = ["api.errors"];

/**
 * For a route the app's own pages call: the page's namespace first, then the common and the REST
 * sentences, the order in which the page's route-error hook (components/ui/errors.ts) reads a
 * reason, so the server's `message` says what the page would.
 */
export function pageErrors(page: "prototypes.dataErrors" | "prototypes.runErrors"): readonly ErrorCatalogue[] {
  return [page, "common.errors", "api.errors"];
}

type Args = Record<string, string | number>;

/** `details` values usable as ICU arguments (strings and numbers; anything else is left out). */
function argsOf(details: Record<string, unknown> | undefined): Args {
  const args: Args = {};
  for (const [name, value] of Object.entries(details ?? {})) if (typeof value === "string" || typeof value === "number") args[name] = value;
  return args;
}

/**
 * A sentence from `<namespace>.<reason>` in `locale`, with `details` as its arguments; null when the
 * catalogue has none, or when it needs an argument `details` lacks (the caller then keeps its English).
 */
async function lookup(locale: Locale, namespace: string, reason: string, details?: Record<string, unknown>): Promise<string | null> {
  const messages = (await loadMessages(locale)) as AbstractIntlMessages;
  let failed = false;
  const t = createTranslator({
    locale,
    messages,
    namespace,
    onError: () => {
      failed = true;
    },
  }) as unknown as { has: (key: string) => boolean } & ((key: string, args?: Args) => string);
  if (!t.has(reason)) return null;
  const text = t(reason, argsOf(details));
  return failed ? null : text;
}

/** The error message for `reason` in the caller's language from the first of `catalogues` that has one, or null when none has. */
export async function errorMessage(
  locale: Locale,
  reason: string,
  details?: Record<string, unknown>,
  catalogues: readonly ErrorCatalogue[] = API_ERRORS,
): Promise<string | null> {
  for (const namespace of catalogues) {
    const text = await lookup(locale, namespace, reason, details);
    if (text !== null) return text;
  }
  return null;
}

/**
 * Why one file of a batch or zip got no prediction, as the upload page says it (`prototypes.fileErrors`),
 * in the caller's language; `english` (the reader's own words) when there is no sentence for it.
 */
export async function fileErrorMessage(
  locale: Locale,
  reason: string,
  english: string,
  details?: Record<string, unknown>,
): Promise<string> {
  return (await lookup(locale, "prototypes.fileErrors", reason, details)) ?? english;
}
