import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { clientIp } from "@/server/auth/client-ip";
import { getSessionUser } from "@/server/next/auth";
import { ensureDatabase } from "@/server/runtime/database";
import type { Context } from "@/server/trpc";

/** The tRPC context for HTTP requests and server components. */
export async function createContext(headers: Headers): Promise<Context> {
  await ensureDatabase();
  return { db: getDb(), user: await getSessionUser(), ip: clientIp(headers, env.TRUSTED_PROXIES) };
}
