import type { Env } from "@/server/env";
import { mlHealthService, runWorkerService } from "@/server/runtime/ml-services";
import { storageSweepService } from "@/server/prototypes/file-cleanup";
import type { BackgroundService } from "./services";

/** Background services of the web process, started in this order at boot and stopped in reverse. */
export const SERVICES: { service: BackgroundService; enabled(env: Env): boolean }[] = [
  // The embedded database has one owner, so there the worker must run inline; with
  // PostgreSQL, WORKER_MODE=off leaves training to `npm run worker` processes.
  { service: runWorkerService, enabled: (env) => env.WORKER_MODE === "inline" },
  { service: mlHealthService, enabled: () => true },
  { service: storageSweepService, enabled: () => true },
];
