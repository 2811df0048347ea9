import { mkdtempSync, rmSync, utimesSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { installLockPath, withInstallLock } from "./install-lock";
import { makeStagingDir } from "./install";

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), "vl-lock-"));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("backbone install lock", () => {
  it("lets two installers that start at the same moment run one after the other, the second seeing the first's install", async () => {
    const modelsDir = tempDir();
    const events: string[] = [];
    let installed = 0;
    const installer = (name: string) =>
      withInstallLock(
        modelsDir,
        "mobilenet",
        async () => {
          events.push(`${name} in`);
          // What ensureBundledBackbone does inside the lock: check, and install only when missing.
          if (!existsSync(path.join(modelsDir, "mobilenet"))) {
            await new Promise((r) => setTimeout(r, 150));
            writeFileSync(path.join(modelsDir, "mobilenet"), "weights");
            installed += 1;
          }
          events.push(`${name} out`);
        },
        { pollMs: 20 },
      );
    await Promise.all([installer("a"), installer("b")]);
    expect(installed).toBe(1);
    // Never interleaved: each enters only after the other has left.
    expect([events.slice(0, 2), events.slice(2)].every(([i, o]) => i!.split(" ")[0] === o!.split(" ")[0])).toBe(true);
    expect(existsSync(installLockPath(modelsDir, "mobilenet"))).toBe(false);
  });

  it("takes over a lock left by an installer that died, and releases its own when the install throws", async () => {
    const modelsDir = tempDir();
    const lock = installLockPath(modelsDir, "mobilenet");
    writeFileSync(lock, "other-host 1 dead");
    const old = new Date(Date.now() - 20 * 60_000);
    utimesSync(lock, old, old);
    await expect(withInstallLock(modelsDir, "mobilenet", async () => "done", { pollMs: 10, timeoutMs: 2_000 })).resolves.toBe("done");
    await expect(
      withInstallLock(modelsDir, "mobilenet", async () => {
        throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    expect(existsSync(lock)).toBe(false);
  });

  it("gives every install its own staging folder, even in processes with the same pid (containers)", async () => {
    const modelsDir = tempDir();
    const [a, b] = await Promise.all([makeStagingDir(modelsDir, "mobilenet"), makeStagingDir(modelsDir, "mobilenet")]);
    expect(a).not.toBe(b);
    expect(readdirSync(modelsDir)).toHaveLength(2);
  });
});
