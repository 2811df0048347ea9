import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ENTRYPOINT = path.resolve("docker/entrypoint.sh");
// A stand-in for node: reports its pid, arguments and environment, and how it ends on SIGTERM.
const fakeBin = mkdtempSync(path.join(tmpdir(), "vl-entrypoint-"));
writeFileSync(
  path.join(fakeBin, "node"),
  `#!/bin/sh
echo "pid=$$"
echo "args=$*"
echo "manual-signals=\${NEXT_MANUAL_SIG_HANDLE:-}"
trap 'echo "node got SIGTERM"; exit 0' TERM
if [ -n "\${FAKE_WAIT:-}" ]; then while :; do sleep 0.05; done; fi
`,
);
chmodSync(path.join(fakeBin, "node"), 0o755);
afterAll(() => rmSync(fakeBin, { recursive: true, force: true }));

const fakeEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  NODE_ENV: "test",
  PATH: `${fakeBin}:/usr/bin:/bin`,
  ...extra,
});
const run = (args: string[], extra: Record<string, string> = {}) => spawnSync(ENTRYPOINT, args, { env: fakeEnv(extra), encoding: "utf8" });

describe("docker/entrypoint.sh", () => {
  it("starts the web server with node directly, owning its signals, on PORT", () => {
    const r = run(["web"], { PORT: "4100" });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("args=node_modules/next/dist/bin/next start --port 4100 --hostname 0.0.0.0");
    expect(r.stdout).toContain("manual-signals=1");
  });

  it("starts a worker without npm in between", () => {
    expect(run(["worker"]).stdout).toContain("args=--import tsx scripts/worker.ts");
    expect(run(["migrate"]).stdout).toContain("args=--import tsx scripts/migrate.ts");
  });

  it("replaces itself with node (exec), so the container runtime's SIGTERM reaches node", async () => {
    const child = spawn(ENTRYPOINT, ["worker"], { env: fakeEnv({ FAKE_WAIT: "1" }) });
    let out = "";
    child.stdout.on("data", (d) => (out += String(d)));
    for (let i = 0; i < 100 && !out.includes("pid="); i++) await new Promise((r) => setTimeout(r, 20));
    // The process the runtime started IS node: same pid, no shell left to swallow the signal.
    expect(Number(/pid=(\d+)/.exec(out)?.[1])).toBe(child.pid);
    child.kill("SIGTERM");
    const code = await new Promise((resolve) => child.on("exit", resolve));
    expect(out).toContain("node got SIGTERM");
    expect(code).toBe(0);
  });

  it("refuses an unknown role with its usage", () => {
    const r = run(["serve"]);
    expect(r.status).toBe(64);
    expect(r.stderr).toContain("usage: entrypoint.sh web|worker|migrate (got: serve)");
  });

  it("runs the real worker entry through node --import tsx (it explains that it needs PostgreSQL)", () => {
    const r = spawnSync(ENTRYPOINT, ["worker"], {
      env: {
        NODE_ENV: "test",
        PATH: process.env.PATH!,
        HOME: process.env.HOME ?? "/tmp",
        VL_DATA_DIR: fakeBin,
        NEXTAUTH_SECRET: "x".repeat(40),
      },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.stderr).toContain("npm run worker needs DATABASE_URL");
    expect(r.status).toBe(1);
  });
});
