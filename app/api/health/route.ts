import { env } from "@/server/env";
import { defineRoute } from "@/server/http/route";
import { runtimeHealth } from "@/server/runtime/health";
import { logger } from "@/server/log";
import { storage } from "@/server/storage";

export const dynamic = "force-dynamic";

/** Database and runtime facts for monitoring; a database that does not answer gives 503. */
export const GET = defineRoute({ name: "health", auth: "public" }, async ({ db }) => {
  const started = Date.now();
  try {
    await db.$queryRaw`SELECT 1`;
    return Response.json({
      status: "ok",
      database: { mode: env.databaseMode, latencyMs: Date.now() - started },
      // "local" or "s3" (STORAGE_DRIVER): which file storage this process uses.
      storage: { kind: storage().kind },
      ...(await runtimeHealth()),
    });
  } catch (err) {
    logger("health").error("health check failed", { err });
    return Response.json({ status: "error", database: { mode: env.databaseMode } }, { status: 503 });
  }
});
