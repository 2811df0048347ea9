import { NextResponse } from "next/server";
import { env } from "@/server/env";
import { getDb } from "@/server/db";
import { ensureDatabase } from "@/server/runtime/database";
import { runtimeHealth } from "@/server/runtime/health";
import { logger } from "@/server/log";

export const dynamic = "force-dynamic";

export async function GET() {
  const started = Date.now();
  try {
    await ensureDatabase();
    await getDb().$queryRaw`SELECT 1`;
    return NextResponse.json({
      status: "ok",
      database: { mode: env.databaseMode, latencyMs: Date.now() - started },
      ...(await runtimeHealth()),
    });
  } catch (err) {
    logger("health").error("health check failed", { err });
    return NextResponse.json({ status: "error", database: { mode: env.databaseMode } }, { status: 503 });
  }
}
