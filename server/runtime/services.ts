import type { Env } from "@/server/env";
import { logger } from "@/server/log";

const log = logger("venturelens");

/**
 * Background services that run inside the web process (on the embedded database the job
 * worker must, since PGlite has one owner). Each domain registers its service in
 * server/runtime/service-list.ts.
 */
export interface BackgroundService {
  name: string;
  start(env: Env): Promise<void> | void;
  stop(): Promise<void> | void;
}

const globalForServices = globalThis as unknown as { __vlServices?: BackgroundService[] };

export async function startBackgroundServices(env: Env) {
  const { SERVICES } = await import("./service-list");
  const started: BackgroundService[] = [];
  for (const s of SERVICES) {
    if (!s.enabled(env)) continue;
    await s.service.start(env);
    started.push(s.service);
    log.info(`started ${s.service.name}`);
  }
  globalForServices.__vlServices = started;
}

export async function stopBackgroundServices() {
  for (const s of (globalForServices.__vlServices ?? []).reverse()) {
    await s.stop();
  }
  globalForServices.__vlServices = [];
}
