import { getDb } from "@/server/db";
import { getSessionUser } from "@/server/next/auth";
import { ensureDatabase } from "@/server/runtime/database";
import type { Context } from "@/server/trpc";

/** The tRPC context for HTTP requests and server components. */
export async function createContext(headers: Headers): Promise<Context> {
  await ensureDatabase();
  const ip = headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || null;
  return { db: getDb(), user: await getSessionUser(), ip };
}
