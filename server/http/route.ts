import { getSessionUser } from "@/server/next/auth";
import { getDb, type Db } from "@/server/db";
import { env } from "@/server/env";
import { DomainError, HTTP_STATUS, HttpError } from "@/server/errors";
import type { Locale } from "@/server/i18n/locale";
import { authenticateApiKey, bearerToken } from "@/server/prototypes/api-keys";
import { ensureDatabase } from "@/server/runtime/database";
import type { SessionUser } from "@/server/trpc";
import { bodyToTempFile, readBodyLimited, readFormLimited } from "./body";
import { savedLocale } from "@/server/auth/users";
import { API_ERRORS, callerLocale, errorMessage, type ErrorCatalogue } from "./error-messages";
import { isCrossOrigin } from "./origin";
import { logger } from "@/server/log";
import { ObjectNotFoundError } from "@/server/storage";

const log = logger("http");

/**
 * The one wrapper for route handlers under app/api/ (next-auth and tRPC have their own).
 * In order: the origin check (cookie-authenticated, state-changing requests), the content type,
 * authentication (session cookie or API key), the workspace scope, then the handler, which
 * reads its body only through `ctx.body` (counted and cut at the route's limit). Every error
 * leaves as `{ error: { reason, message, details? } }`: `reason` is a stable camelCase key (the UI
 * translates it, with `details` as its arguments), `message` its sentence from the route's catalogues (the REST
 * API's `api.errors` unless it names the page's, `pageErrors`) in the caller's language (`callerLocale`: a
 * signed-in user's saved choice, the language cookie, Accept-Language, else English); an unexpected error is
 * logged and answered "internal".
 */

export type AuthKind = "session" | "apiKey" | "public";

export type Principal =
  { kind: "session"; user: SessionUser } | { kind: "apiKey"; workspaceId: string; keyId: string } | { kind: "public" };

type PrincipalOf<A extends AuthKind> = Extract<Principal, { kind: A }>;

export interface BodyRule {
  maxBytes: number;
  /** Accepted media types (`image/*` matches every image type); anything else answers 415. */
  contentTypes: readonly string[];
}

export interface RouteContext<P, S, A extends AuthKind> {
  request: Request;
  db: Db;
  params: P;
  principal: PrincipalOf<A>;
  scope: S;
  /** The language to word answers in (`callerLocale`), looked up once when first asked for. */
  locale: () => Promise<Locale>;
  /** The request body, read at most once, never past the route's `body.maxBytes`. */
  body: {
    bytes: () => Promise<Uint8Array>;
    form: () => Promise<FormData>;
    toTempFile: () => Promise<{ file: string; cleanup: () => Promise<void> }>;
  };
}

export interface RouteSpec<P, S, A extends AuthKind> {
  /** For the server log. */
  name: string;
  auth: A;
  /** Resolves what the caller may touch (e.g. a prototype of their workspace); throws NOT_FOUND/FORBIDDEN. */
  scope?: (db: Db, principal: PrincipalOf<A>, params: P) => Promise<S>;
  body?: BodyRule;
  /** Where the sentences of its errors come from, first match wins: `api.errors` unless named (`pageErrors(...)`). */
  messages?: readonly ErrorCatalogue[];
}

type NextRouteContext<P> = { params: Promise<P> };

export function defineRoute<P, S = undefined, A extends AuthKind = AuthKind>(
  spec: RouteSpec<P, S, A>,
  handler: (ctx: RouteContext<P, S, A>) => Promise<Response>,
): (request: Request, context: NextRouteContext<P>) => Promise<Response> {
  const catalogues = spec.messages ?? API_ERRORS;
  return async (request, context) => {
    // For the pages' routes, the signed-in user's saved language, also for a request refused before it is
    // authenticated; an error reading it (the database is down) leaves the request's own.
    const locale = once(async () =>
      callerLocale(request, spec.auth === "session" ? await signedInLocale().catch(() => undefined) : undefined),
    );
    const wording: Wording = { locale, catalogues };
    try {
      if (spec.auth === "session" && isCrossOrigin(request, [env.NEXTAUTH_URL]))
        throw new DomainError("FORBIDDEN", "crossOrigin", "This request came from another site and was refused");
      if (spec.body) checkContentType(request, spec.body.contentTypes);
      const unavailable = await ensureDatabase().then(
        () => null,
        (err: unknown) => {
          log.error("database unavailable", { route: spec.name, err });
          return errorJson(wording, 503, "databaseUnavailable", "The database is not available. Please try again shortly.");
        },
      );
      if (unavailable) return unavailable;
      const db = getDb();
      const params = await context.params;
      const principal = (await authenticate(db, request, spec.auth)) as PrincipalOf<A>;
      const scope = spec.scope ? await spec.scope(db, principal, params) : (undefined as S);
      return await handler({ request, db, params, principal, scope, locale, body: bodyReader(request, spec.body) });
    } catch (err) {
      return errorResponse(err, spec.name, wording);
    }
  };
}

async function signedInLocale(): Promise<Locale | undefined> {
  const user = await getSessionUser();
  if (!user) return undefined;
  await ensureDatabase();
  return savedLocale(getDb(), user.id);
}

async function authenticate(db: Db, request: Request, kind: AuthKind): Promise<Principal> {
  if (kind === "public") return { kind: "public" };
  if (kind === "apiKey") {
    const key = await authenticateApiKey(db, bearerToken(request.headers.get("authorization")));
    if (!key)
      throw new DomainError("UNAUTHORIZED", "invalidApiKey", "Missing, unknown or revoked API key. Send `Authorization: Bearer <key>`.");
    return { kind: "apiKey", ...key };
  }
  const user = await getSessionUser();
  if (!user) throw new DomainError("UNAUTHORIZED", "signIn", "Sign in first");
  return { kind: "session", user };
}

function checkContentType(request: Request, accepted: readonly string[]) {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const ok = accepted.some((a) => (a.endsWith("/*") ? type.startsWith(a.slice(0, -1)) : type === a));
  if (!ok)
    throw new DomainError("UNSUPPORTED_MEDIA_TYPE", "unsupportedMediaType", `Send the body as ${accepted.join(" or ")}`, {
      accepted: accepted.join(", "),
    });
}

function bodyReader(request: Request, rule: BodyRule | undefined): RouteContext<unknown, unknown, AuthKind>["body"] {
  let used = false;
  const take = () => {
    // No rule means the route takes no body: reading one anyway would be unbounded.
    if (!rule) throw new Error("this route declares no body rule");
    if (used) throw new Error("the request body was already read");
    used = true;
    return rule.maxBytes;
  };
  return {
    bytes: () => readBodyLimited(request, take()),
    form: () => readFormLimited(request, take()),
    toTempFile: () => bodyToTempFile(request, take()),
  };
}

/** A request's language and the catalogues its route's sentences come from. */
interface Wording {
  locale: () => Promise<Locale>;
  catalogues: readonly ErrorCatalogue[];
}

/** The result of `fn`, computed on the first call only. */
function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= fn());
}

/** The error body, its message in the caller's language; `english` only for a reason the catalogues lack (unit tests keep the routes' covered). */
async function errorJson(
  wording: Wording,
  status: number,
  reason: string,
  english: string,
  options: { headers?: HeadersInit; details?: Record<string, unknown> } = {},
): Promise<Response> {
  const message = (await errorMessage(await wording.locale(), reason, options.details, wording.catalogues)) ?? english;
  return Response.json(
    { error: { reason, message, ...(options.details ? { details: options.details } : {}) } },
    { status, headers: options.headers },
  );
}

function errorResponse(err: unknown, name: string, wording: Wording): Promise<Response> {
  if (err instanceof DomainError) {
    const headers = err instanceof HttpError ? err.headers : undefined;
    return errorJson(wording, HTTP_STATUS[err.code], err.reason, err.message, { details: err.details, headers });
  }
  // A row whose file is gone (deleted by hand, or a bucket restored from an older backup).
  if (err instanceof ObjectNotFoundError) {
    log.warn("stored object missing", { route: name, key: err.key });
    return errorJson(wording, 404, "notFound", "This file is missing on the server");
  }
  log.error("request failed", { route: name, err });
  return errorJson(wording, 500, "internal", "Something went wrong on our side. Please try again.");
}
