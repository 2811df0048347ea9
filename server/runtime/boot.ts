import { env } from "@/server/env";
import { closeDatabase, ensureDatabase } from "./database";
import { startBackgroundServices, stopBackgroundServices } from "./services";

const globalForBoot = globalThis as unknown as { __vlBooted?: boolean; __vlStopping?: Promise<void> };

/**
 * Start-up for the web process. Next's own SIGTERM handler exits before PGlite can close
 * (leaving a postmaster.pid and a recovery on the next start), so the start script sets
 * NEXT_MANUAL_SIG_HANDLE=1 and this module owns the shutdown.
 */
export async function boot() {
  if (globalForBoot.__vlBooted) return;
  globalForBoot.__vlBooted = true;
  await ensureDatabase();
  await startBackgroundServices(env);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => void shutdown(signal));
  }
}

export function shutdown(signal: string) {
  return (globalForBoot.__vlStopping ??= (async () => {
    console.log(`[venturelens] ${signal}: stopping`);
    const timer = setTimeout(() => {
      console.error("[venturelens] shutdown took too long; exiting");
      process.exit(1);
    }, 15_000);
    try {
      await stopBackgroundServices();
      await closeDatabase();
      console.log("[venturelens] stopped cleanly");
    } finally {
      clearTimeout(timer);
      process.exit(0);
    }
  })());
}
