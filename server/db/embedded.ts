import { mkdtemp, rm } from "node:fs/promises";
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";

/**
 * The embedded database: PostgreSQL compiled to WebAssembly (PGlite), data in a local
 * directory, served on a loopback socket so the app uses the very same driver adapter
 * (`@prisma/adapter-pg`) and SQL as with a PostgreSQL server.
 *
 * PGlite and its socket server run on their own thread (server/db/embedded-worker.mjs): PGlite
 * executes each statement synchronously, and on the main thread that stalled every request
 * while any query ran. On its own thread the statements use the second core.
 *
 * PGlite runs one query at a time and must have a single owning process. The server accepts
 * a few connections (a failed query on a lone connection drops it) while clients use a pool
 * of one; see docs/ARCHITECTURE.md.
 *
 * PGlite checks no password, so the socket is a Unix socket (mode 0600) in a fresh folder
 * only this user can enter (0700): on a shared host no other account can connect. A TCP
 * port on loopback would be open to every local process.
 */
export interface EmbeddedDatabase {
  url: string;
  dataDir: string;
  /** The folder holding the Unix socket (removed on stop). */
  socketDir: string;
  stop(): Promise<void>;
}

/** Only names the socket file (`.s.PGSQL.<port>`, as PostgreSQL clients expect); nothing listens on TCP. */
const SOCKET_PORT = 5432;

export async function startEmbeddedDatabase(opts: {
  dataDir: string;
  /** Let the process exit once nothing else is pending, closing the database first (CLI use). */
  closeOnIdle?: boolean;
}): Promise<EmbeddedDatabase> {
  mkdirSync(opts.dataDir, { recursive: true });
  // mkdtemp creates the folder with mode 0700; os.tmpdir() keeps the path under the ~100-byte socket limit.
  const socketDir = await mkdtemp(path.join(tmpdir(), "vl-pglite-"));
  const socketPath = path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`);
  // A file on disk, not a bundled chunk: Turbopack would otherwise compile the worker into the build.
  const script = path.join(/* turbopackIgnore: true */ process.cwd(), "server", "db", "embedded-worker.mjs");
  const worker = new Worker(script, { workerData: { dataDir: opts.dataDir, socketPath, maxConnections: 8 } });
  const started = await new Promise<{ type: string; message?: string }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the embedded database's thread exited (code ${code}) while starting`)));
  }).catch((err: unknown) => ({ type: "failed", message: err instanceof Error ? err.message : String(err) }));
  if (started.type !== "ready") {
    await worker.terminate();
    await rm(socketDir, { recursive: true, force: true });
    throw new Error(`The embedded database did not start: ${started.message}`);
  }
  worker.removeAllListeners();
  let stopping = false;
  const exited = new Promise<number>((resolve) => worker.once("exit", resolve));
  // The data lives in that thread: if it dies, nothing can be read or written, and a process that stays up
  // would answer every request with an error. Exit non-zero so a process manager restarts it (PostgreSQL
  // recovers the directory on the next start), as it would have if PGlite had failed on the main thread.
  const fail = (why: string) => {
    if (stopping) return;
    process.stderr.write(`The embedded database's thread ${why}; exiting.\n`);
    process.exit(1);
  };
  worker.on("error", (err) => fail(`failed: ${err.message}`));
  void exited.then((code) => fail(`exited unexpectedly (code ${code})`));
  let stopped: Promise<void> | undefined;
  const handle: EmbeddedDatabase = {
    // pg (and so @prisma/adapter-pg and psql) read a `host` that is a folder as a Unix socket there.
    url: `postgres://postgres@localhost:${SOCKET_PORT}/postgres?host=${encodeURIComponent(socketDir)}&sslmode=disable`,
    dataDir: opts.dataDir,
    socketDir,
    stop() {
      // Idempotent: a second signal must not close PGlite twice.
      stopped ??= (async () => {
        stopping = true;
        // Held until the thread has closed PGlite, even where it was unreferenced (closeOnIdle).
        worker.ref();
        const reply = new Promise<{ error?: string }>((resolve) => worker.once("message", resolve));
        worker.postMessage({ type: "stop" });
        const { error } = await Promise.race([reply, exited.then(() => ({ error: "the thread exited before closing" }))]);
        await exited;
        await rm(socketDir, { recursive: true, force: true });
        if (error) throw new Error(`The embedded database did not close cleanly: ${error}`);
      })();
      return stopped;
    },
  };
  if (opts.closeOnIdle) {
    // The database's thread would keep a CLI process alive forever.
    worker.unref();
    process.once("beforeExit", () => void handle.stop());
  }
  return handle;
}
