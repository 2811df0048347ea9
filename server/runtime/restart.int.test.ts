import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * Data written before a normal stop is there after a restart: the embedded database closes
 * cleanly on SIGTERM/SIGINT through the same boot/shutdown code the web server uses.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), "vl-restart-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function start(mode: "write" | "read", email: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, VL_DATA_DIR: dataDir, NEXTAUTH_SECRET: "restart-test-secret-0123456789abcdef" };
  delete env.DATABASE_URL; // always the embedded database here
  const child = spawn(process.execPath, ["--import", "tsx", "server/test/restart-fixture.ts", mode, email], { env });
  let out = "";
  child.stdout.on("data", (d) => (out += String(d)));
  child.stderr.on("data", (d) => (out += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const printed = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (out.includes(text)) {
          clearInterval(timer);
          resolve();
        }
      }, 50);
      void exited.then(() =>
        setTimeout(() => (out.includes(text) ? resolve() : reject(new Error(`exited without "${text}":\n${out}`))), 100),
      );
    });
  return { child, exited, printed, output: () => out };
}

describe.skipIf(process.env.TEST_DB === "postgres")("embedded database across a restart", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`keeps data written before ${signal}`, async () => {
      const email = `restart-${signal.toLowerCase()}-${Date.now()}@test.local`;
      const first = start("write", email);
      await first.printed("WRITTEN");
      first.child.kill(signal);
      expect(await first.exited, first.output()).toBe(0);
      expect(first.output()).toContain("stopped cleanly");
      // A clean close leaves no lock file for PostgreSQL to recover from.
      expect(existsSync(path.join(dataDir, "db", "postmaster.pid"))).toBe(false);

      const second = start("read", email);
      await second.printed("FOUND");
      expect(await second.exited, second.output()).toBe(0);
    });
  }
});
