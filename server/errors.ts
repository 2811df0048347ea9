/**
 * Domain errors: thrown by server/<domain>/ code, mapped to tRPC codes in one place
 * (server/trpc.ts) and to HTTP statuses in REST routes. `reason` is a stable key the UI
 * translates; `message` is the English fallback.
 */
export type DomainErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "TOO_MANY_REQUESTS";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string) {
    super("NOT_FOUND", "notFound", `${entity} not found`, { entity });
  }
}

export class ForbiddenError extends DomainError {
  constructor(reason = "forbidden", message = "You do not have permission to do that") {
    super("FORBIDDEN", reason, message);
  }
}

/** A domain error that also sets response headers (e.g. Retry-After on 429); the route wrapper sends them. */
export class HttpError extends DomainError {
  constructor(
    code: DomainError["code"],
    reason: string,
    message: string,
    details: Record<string, unknown> | undefined,
    readonly headers: HeadersInit,
  ) {
    super(code, reason, message, details);
  }
}

/** For loaders: a missing row and a row in another workspace look the same to the caller. */
export function found<T>(row: T | null | undefined, entity: string): T {
  if (row === null || row === undefined) throw new NotFoundError(entity);
  return row;
}

export const HTTP_STATUS: Record<DomainErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
};
