import { env } from "@/server/env";
import { closeDatabase, ensureDatabase } from "./database";
import { recordSocketAddresses } from "./socket-address";
import { startBackgroundServices, stopBackgroundServices } from "./services";
import { logger } from "@/server/log";

const log = logger("venturelens");

const globalForBoot = globalThis as unknown as { __vlBooted?: boolean; __vlStopping?: Promise<void> };

/**
 * Start-up for the web process. Next's own SIGTERM handler exits before PGlite can close
 * (leaving a postmaster.pid and a recovery on the next start), so the start script sets
 * NEXT_MANUAL_SIG_HANDLE=1 and this module owns the shutdown.
 */
export async function boot() {
  if (globalForBoot.__vlBooted) return;
  globalForBoot.__vlBooted = true;
  try {
    recordSocketAddresses();
    await ensureDatabase();
    await startBackgroundServices(env);
  } catch (err) {
    // A process that failed to start must not stay up answering 500 to everything: exit
    // non-zero so a process manager or container runtime restarts it (and the operator sees why).
    log.error("start-up failed", { err });
    process.exit(1);
  }
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => void shutdown(signal));
  }
}

/**
 * How long the background services get to stop (a training run hands itself back
 * to the queue) before the database is closed anyway. Closing the database cleanly
 * matters more: a run that did not hand itself back in time stops heartbeating
 * and is re-queued by the next start's stale-run recovery.
 */
const SERVICES_GRACE_MS = 8_000;

export function shutdown(signal: string) {
  return (globalForBoot.__vlStopping ??= (async () => {
    log.info(`${signal}: stopping`);
    const timer = setTimeout(() => {
      log.error("shutdown took too long; exiting");
      process.exit(1);
    }, 20_000);
    try {
      let grace: NodeJS.Timeout | undefined;
      const stopped = await Promise.race([
        stopBackgroundServices().then(() => true),
        new Promise<false>((resolve) => (grace = setTimeout(() => resolve(false), SERVICES_GRACE_MS))),
      ]);
      clearTimeout(grace);
      if (!stopped) log.warn(`background services still stopping after ${SERVICES_GRACE_MS / 1000} s; closing the database anyway`);
      await closeDatabase();
      log.info("stopped cleanly");
    } finally {
      clearTimeout(timer);
      process.exit(0);
    }
  })());
}
