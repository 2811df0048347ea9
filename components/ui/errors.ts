"use client";

import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";
import type { AppRouter } from "@/server/routers/_app";
import type { InputErrors } from "@/server/zod-errors";

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
      const field = data?.zodError && Object.values(data.zodError.fieldErrors).flat().find(Boolean);
      if (field) return field;
      return err.message || t("internal");
    }
    return t("network");
  };
}

/**
 * The first message per field of invalid input, keyed by the field's path as the server sends it
 * (server/zod-errors.ts): `errs.name`, `errs["settings.epochs"]`.
 */
export function fieldErrors(err: unknown): Record<string, string | undefined> {
  if (!(err instanceof TRPCClientError)) return {};
  const fe = (err.data as ErrData | undefined)?.zodError?.fieldErrors ?? {};
  return Object.fromEntries(Object.entries(fe).map(([k, v]) => [k, v?.[0]]));
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
