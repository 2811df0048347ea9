import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { ZId } from "@/server/schemas";
import type { Db } from "@/server/db";
import { DomainError, type DomainErrorCode } from "@/server/errors";
import { can, type Permission } from "@/server/permissions";
import { resolveWorkspaceAccess } from "@/server/workspaces/workspaces";
import { inputErrorsOf } from "@/server/zod-errors";
import { logger } from "@/server/log";

const log = logger("trpc");

/* ── 1. Context ─────────────────────────────────────────────────────────── */

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
}

export interface Context {
  db: Db;
  user: SessionUser | null;
  /** The client's address, for rate limits. */
  ip: string | null;
}

/* ── 2. Initialisation and error formatting ─────────────────────────────── */

const CODE: Record<DomainErrorCode, TRPCError["code"]> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
};

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const isInternal = error.code === "INTERNAL_SERVER_ERROR";
    return {
      ...shape,
      // Never let an internal message or stack trace reach the user.
      message: isInternal ? "Something went wrong on our side. Please try again." : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        reason: cause instanceof DomainError ? cause.reason : isInternal ? "internal" : null,
        details: cause instanceof DomainError ? (cause.details ?? null) : null,
        zodError: cause instanceof ZodError ? inputErrorsOf(cause) : null,
      },
    };
  },
});

/**
 * Turns domain errors (and zod errors thrown by domain code) into tRPC errors with a code, and logs
 * internal errors: the client sees a generic message (the formatter), the details belong in the log.
 */
const domainErrors = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof DomainError) {
      throw new TRPCError({ code: CODE[cause.code], message: cause.message, cause });
    }
    if (cause instanceof ZodError) {
      throw new TRPCError({ code: "BAD_REQUEST", message: cause.issues[0]?.message ?? "Invalid input", cause });
    }
    if (result.error.code === "INTERNAL_SERVER_ERROR") log.error("internal error", { path, err: result.error.cause ?? result.error });
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/* ── 3. Procedure builders ──────────────────────────────────────────────── */

export const publicProcedure = t.procedure.use(domainErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new DomainError("UNAUTHORIZED", "signIn", "Please sign in");
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const ZWorkspaceInput = z.object({ workspaceId: ZId });

/** Who acts in which workspace: the first argument most domain functions take. */
export interface WorkspaceScope {
  workspaceId: string;
  userId: string;
}

/**
 * Resolves the workspace from typed input, checks membership (non-members get NOT_FOUND, as
 * if it did not exist) and the role's permission (FORBIDDEN), and puts `{ workspace, role, scope }`
 * in the context. Handlers never check roles themselves.
 */
export function workspaceProcedure(permission: Permission) {
  return protectedProcedure.input(ZWorkspaceInput).use(async ({ ctx, input, next }) => {
    const access = await resolveWorkspaceAccess(ctx.db, { workspaceId: input.workspaceId }, ctx.user.id);
    if (!can(access.role, permission)) {
      throw new DomainError("FORBIDDEN", "forbidden", "Your role does not allow this");
    }
    const scope: WorkspaceScope = { workspaceId: access.workspace.id, userId: ctx.user.id };
    return next({ ctx: { ...ctx, workspace: access.workspace, role: access.role, scope } });
  });
}
