#!/usr/bin/env node
// Builds (unless E2E_SKIP_BUILD=1) and starts the app for Playwright on a fresh embedded database.
import { execSync, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const port = process.env.E2E_PORT ?? "3199";
const dataDir = path.join(tmpdir(), `vl-e2e-${port}`);
rmSync(dataDir, { recursive: true, force: true });
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  VL_DATA_DIR: dataDir,
  NEXTAUTH_URL: `http://localhost:${port}`,
  PORT: port,
  // Journeys sign in many times from one address.
  SIGNIN_MAX_ATTEMPTS: process.env.SIGNIN_MAX_ATTEMPTS ?? "50",
  // Every kept prediction is a random sample, so field accuracy in e2e/field-loop.spec.ts is deterministic.
  KEEP_PREDICTIONS_SAMPLE_SHARE: process.env.KEEP_PREDICTIONS_SAMPLE_SHARE ?? "1",
};
if (process.env.E2E_SKIP_BUILD !== "1") execSync("npx next build", { stdio: "inherit", env });
const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", port], {
  stdio: "inherit",
  env: { ...env, NEXT_MANUAL_SIG_HANDLE: "1" },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
