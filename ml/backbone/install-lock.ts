import { randomUUID } from "node:crypto";
import { mkdir, open, rm, stat, utimes } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { assertPlainFileName } from "./manifest";

/**
 * One installer at a time per backbone and models folder, across processes and machines that share
 * the folder (two workers starting together; containers where every process is pid 1). The lock is
 * a file created with O_EXCL next to the backbone; a lock older than `staleMs` belongs to an
 * installer that died and is taken over. Whoever waited re-checks the install before doing it again.
 */
export async function withInstallLock<T>(
  modelsDir: string,
  id: string,
  fn: () => Promise<T>,
  options: { staleMs?: number; pollMs?: number; timeoutMs?: number } = {},
): Promise<T> {
  const staleMs = options.staleMs ?? 10 * 60_000;
  const pollMs = options.pollMs ?? 250;
  const deadline = Date.now() + (options.timeoutMs ?? staleMs + 60_000);
  const lockFile = installLockPath(modelsDir, id);
  const token = `${os.hostname()} ${process.pid} ${randomUUID()}`;
  await mkdir(path.dirname(lockFile), { recursive: true });
  for (;;) {
    try {
      const handle = await open(lockFile, "wx");
      await handle.writeFile(token);
      await handle.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const age = await stat(lockFile).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > staleMs) await rm(lockFile, { force: true });
      else if (Date.now() > deadline) throw new Error(`waited too long for another process installing ${id} (${lockFile})`);
      else await new Promise((r) => setTimeout(r, pollMs));
    }
  }
  // A long install (a slow disk, the ONNX check) keeps its lock fresh so nobody takes it over.
  const keepFresh = setInterval(() => void utimes(lockFile, new Date(), new Date()).catch(() => undefined), Math.max(1000, staleMs / 4));
  try {
    return await fn();
  } finally {
    clearInterval(keepFresh);
    await rm(lockFile, { force: true });
  }
}

export function installLockPath(modelsDir: string, id: string): string {
  return path.resolve(/* turbopackIgnore: true */ modelsDir, `.${assertPlainFileName(id)}.install-lock`);
}
