import { mkdtempSync, mkdirSync, readdirSync, statSync, writeFileSync, chmodSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { startEmbeddedDatabase } from "@/server/db/embedded";
import { writePrivateFile } from "@/server/runtime/private-file";

describe("the embedded database's access", () => {
  it("serves no TCP port, only a socket file (0600) in a folder only its owner can enter (0700)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "vl-embedded-"));
    const embedded = await startEmbeddedDatabase({ dataDir: path.join(dir, "db") });
    try {
      const url = new URL(embedded.url);
      const socketDir = url.searchParams.get("host")!;
      expect(path.isAbsolute(socketDir)).toBe(true);
      expect(socketDir).toBe(embedded.socketDir);
      expect(statSync(socketDir).mode & 0o777).toBe(0o700);
      const socket = path.join(socketDir, `.s.PGSQL.${url.port}`);
      expect(statSync(socket).isSocket()).toBe(true);
      expect(statSync(socket).mode & 0o777).toBe(0o600);
      const client = new pg.Client({ connectionString: embedded.url });
      await client.connect();
      expect((await client.query("select 41 + 1 as answer")).rows).toEqual([{ answer: 42 }]);
      await client.end();
    } finally {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(existsSync(embedded.socketDir)).toBe(false);
  });

  it("runs statements on its own thread: a long query leaves the server's event loop free", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "vl-embedded-"));
    const embedded = await startEmbeddedDatabase({ dataDir: path.join(dir, "db") });
    const client = new pg.Client({ connectionString: embedded.url });
    try {
      await client.connect();
      // The longest the event loop went without running a 5 ms timer while the query ran. On the main
      // thread PGlite's execution is one synchronous call, so that gap was the query's whole length.
      let last = performance.now();
      let longestGap = 0;
      const timer = setInterval(() => {
        const now = performance.now();
        longestGap = Math.max(longestGap, now - last);
        last = now;
      }, 5);
      const started = performance.now();
      const { rows } = await client.query("select count(*)::int as n from generate_series(1, 2000000)");
      const took = performance.now() - started;
      clearInterval(timer);
      expect(rows).toEqual([{ n: 2_000_000 }]);
      expect(took).toBeGreaterThan(100);
      expect(longestGap).toBeLessThan(took / 2);
    } finally {
      await client.end();
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a data folder it cannot open with a clear error, promptly, and leaves no socket folder behind", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "vl-embedded-"));
    const dataDir = path.join(dir, "db");
    mkdirSync(dataDir);
    // A folder claiming to be another PostgreSQL version's: PGlite refuses it inside the database's thread,
    // and the failure must come back to the caller instead of leaving the start waiting for a "ready".
    writeFileSync(path.join(dataDir, "PG_VERSION"), "9\n");
    const socketDirs = () => readdirSync(tmpdir()).filter((f) => f.startsWith("vl-pglite-")).length;
    const before = socketDirs();
    await expect(startEmbeddedDatabase({ dataDir })).rejects.toThrow(/The embedded database did not start: .+/);
    expect(socketDirs()).toBe(before);
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes files that hold secrets or addresses readable by their owner only, even over a wider existing file", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "vl-private-"));
    const file = path.join(dir, "db.url");
    writeFileSync(file, "old");
    chmodSync(file, 0o644);
    writePrivateFile(file, "postgres://…\n");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    rmSync(dir, { recursive: true, force: true });
  });
});
