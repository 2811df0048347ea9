import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { databaseUrl } from "@/server/db";

/**
 * A process manager or container runtime signals the command it started: `npm run worker`.
 * npm passes the signal to its child only; without `exec` in the script the shell in between
 * died and the worker kept running and taking runs.
 */
describe.skipIf(process.env.TEST_DB !== "postgres")("SIGTERM to `npm run worker`", () => {
  it("stops the worker itself, not only npm", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "vl-signal-"));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl(),
      VL_DATA_DIR: dataDir,
      SEED_DEMO: "0",
      NEXTAUTH_SECRET: "signal-test-secret-0123456789abcdef",
    };
    const npm = spawn("npm", ["run", "--silent", "worker"], { env, detached: true });
    let out = "";
    npm.stdout.on("data", (d) => (out += String(d)));
    npm.stderr.on("data", (d) => (out += String(d)));
    try {
      await until(
        () => out.includes("waiting for queued runs"),
        90_000,
        () => out,
      );
      const pid = Number(/\[worker\] \S+:(\d+):/.exec(out)?.[1]);
      expect(pid, out).toBeGreaterThan(0);
      npm.kill("SIGTERM");
      await until(
        () => !alive(pid),
        20_000,
        () => `worker ${pid} still running after SIGTERM:\n${out}`,
      );
      expect(out).toContain("SIGTERM: stopping");
    } finally {
      try {
        process.kill(-npm.pid!, "SIGKILL");
      } catch {
        // already gone
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(ok: () => boolean, ms: number, why: () => string) {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(why());
    await new Promise((r) => setTimeout(r, 100));
  }
}
