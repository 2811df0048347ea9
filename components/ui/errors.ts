"use client";

import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";
import type { AppRouter } from "@/server/routers/_app";
import type { InputErrors, InputIssue } from "@/server/zod-errors";

type ErrData = {
  reason?: string | null;
  details?: Record<string, string | number> | null;
  zodError?: InputErrors | null;
};

/**
 * Turns any error from a tRPC call into a sentence for the user: a translated reason when the
 * server gave one, else the server's message; never a stack trace.
 */
export function useErrorMessage(namespace?: string) {
  const t = useTranslations("common.errors");
  // A domain's own reasons (e.g. "prototypes.errors") come first; common ones are the fallback.
  const domain = useTranslations(namespace ?? "common.errors");
  return (err: unknown): string | null => {
    if (!err) return null;
    if (err instanceof TRPCClientError) {
      const data = (err as TRPCClientError<AppRouter>).data as ErrData | undefined;
      const args = data?.details ?? undefined;
      if (data?.reason && domain.has(data.reason)) return domain(data.reason, args);
      if (data?.reason && t.has(data.reason)) return t(data.reason, args);
      // Invalid input: the first field's reason as a sentence, never the validator's English.
      if (data?.zodError) {
        const first = Object.values(data.zodError.reasons ?? {})[0];
        return first ? inputSentence(t, first) : t("input.invalid");
      }
      return err.message || t("internal");
    }
    return t("network");
  };
}

type CommonErrors = ReturnType<typeof useTranslations<"common.errors">>;

/** One refused field as a sentence in the reader's language (`common.errors.input.<reason>`). */
function inputSentence(t: CommonErrors, issue: InputIssue): string {
  const key = `input.${issue.reason}`;
  return t.has(key) ? t(key, issue.details) : t("input.invalid");
}

/**
 * The first message per field of invalid input, keyed by the field's path as the server sends it
 * (server/zod-errors.ts): `errs.name`, `errs["settings.epochs"]`. `translate` turns the field's
 * reason into a sentence; without it (or for an older server without reasons) the server's English stays.
 */
export function fieldErrors(err: unknown, translate?: (issue: InputIssue) => string): Record<string, string | undefined> {
  if (!(err instanceof TRPCClientError)) return {};
  const zodError = (err.data as ErrData | undefined)?.zodError;
  const out: Record<string, string | undefined> = Object.fromEntries(
    Object.entries(zodError?.fieldErrors ?? {}).map(([k, v]) => [k, v?.[0]]),
  );
  if (translate) for (const [path, issue] of Object.entries(zodError?.reasons ?? {})) if (path) out[path] = translate(issue);
  return out;
}

/** `fieldErrors` with every message translated: what forms use. */
export function useFieldErrors() {
  const t = useTranslations("common.errors");
  return (err: unknown) => fieldErrors(err, (issue) => inputSentence(t, issue));
}

/** The server refused a save because someone saved the same document after it was opened (server/edits.ts). */
export function isEditConflict(err: unknown): boolean {
  return err instanceof TRPCClientError && (err.data as ErrData | undefined)?.reason === "editConflict";
}

type RouteErrorBody = { error?: { reason?: string; message?: string; details?: Record<string, string | number> } };

/**
 * The same for the JSON answer of a route handler under app/api/ (`{ error: { reason, message, details } }`,
 * server/http/route.ts): the reason translated with its details as arguments, else the server's message.
 */
export function useRouteErrorMessage(namespace?: string) {
  const t = useTranslations("common.errors");
  const domain = useTranslations(namespace ?? "common.errors");
  return (body: unknown): string => {
    const error = (body as RouteErrorBody | null)?.error;
    const reason = error?.reason;
    if (reason && domain.has(reason)) return domain(reason, error.details);
    if (reason && t.has(reason)) return t(reason, error.details);
    return error?.message ?? t("internal");
  };
}
