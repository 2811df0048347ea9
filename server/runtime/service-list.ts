import type { Env } from "@/server/env";
import type { BackgroundService } from "./services";

/** Background services of the web process; the classifier issue adds its job worker here. */
export const SERVICES: { service: BackgroundService; enabled(env: Env): boolean }[] = [];
