import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { logger } from "@/server/log";
import { createContext } from "@/server/next/context";
import { env } from "@/server/env";
import { DomainError } from "@/server/errors";
import { readBodyLimited } from "@/server/http/body";
import { bodyLimits, trpcBodyLimit } from "@/server/http/limits";
import { isCrossOrigin } from "@/server/http/origin";
import { appRouter } from "@/server/routers/_app";

const log = logger("trpc");
const limits = bodyLimits(env);

/**
 * The body is read here, counted and cut at its cap (server/http/limits.ts), before tRPC parses
 * it: tRPC itself would read any size. A refused request still answers in tRPC's error shape
 * (the context throws), so the client shows the translated reason.
 */
async function boundedRequest(req: Request): Promise<{ req: Request; refusal?: DomainError }> {
  if (req.method !== "POST") return { req };
  if (isCrossOrigin(req, [env.NEXTAUTH_URL]))
    return {
      req: emptied(req),
      refusal: new DomainError("FORBIDDEN", "crossOrigin", "This request came from another site and was refused"),
    };
  try {
    const body = await readBodyLimited(req, trpcBodyLimit(limits, new URL(req.url).pathname));
    return { req: rebuilt(req, body) };
  } catch (err) {
    if (err instanceof DomainError) return { req: emptied(req), refusal: err };
    throw err;
  }
}

function rebuilt(req: Request, body: Uint8Array | string): Request {
  const headers = new Headers(req.headers);
  headers.delete("content-length");
  headers.delete("transfer-encoding");
  return new Request(req.url, { method: "POST", headers, body: body as BodyInit });
}

const emptied = (req: Request) => rebuilt(req, "{}");

async function handler(incoming: Request) {
  const { req, refusal } = await boundedRequest(incoming);
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => {
      if (refusal) throw new TRPCError({ code: refusal.code, message: refusal.message, cause: refusal });
      return createContext(req.headers);
    },
    onError({ error, path }) {
      // The client sees a generic message (server/trpc.ts); the details belong in the server log.
      if (error.code === "INTERNAL_SERVER_ERROR") log.error("internal error over HTTP", { path: path ?? "?", err: error.cause ?? error });
    },
  });
}

export { handler as GET, handler as POST };
