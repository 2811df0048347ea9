#!/usr/bin/env node
// `npm run demo`: builds once (or when sources changed), then starts VentureLens on the embedded
// database with the demo workspace, and prints where to sign in.
import { execSync, spawn } from "node:child_process";
import { existsSync, statSync, readdirSync } from "node:fs";
import path from "node:path";

const port = process.env.PORT ?? "3000";
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  PORT: port,
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
};

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name === "node_modules" || entry.name === "generated") continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}
const buildId = path.join(".next", "BUILD_ID");
const stale =
  !existsSync(buildId) ||
  ["app", "components", "server", "messages", "ml", "prisma"].some((d) => existsSync(d) && newestSource(d) > statSync(buildId).mtimeMs);
if (stale) {
  console.log("Building VentureLens (about a minute on two cores)…");
  execSync("npx next build", { stdio: "inherit", env });
}
const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", port], {
  stdio: ["inherit", "pipe", "inherit"],
  env: { ...env, NEXT_MANUAL_SIG_HANDLE: "1" },
});
let announced = false;
child.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  if (!announced && /Ready in/.test(String(chunk))) {
    announced = true;
    // The first request runs migrations and the seed; warm it so the first visitor does not wait.
    fetch(`http://localhost:${port}/api/health`).finally(() => {
      console.log(`\n  VentureLens is running at http://localhost:${port}`);
      console.log("  Demo sign-in: demo@venturelens.local / venturelens-demo\n");
    });
  }
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
