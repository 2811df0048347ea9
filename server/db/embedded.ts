import { chmod, mkdtemp, rm } from "node:fs/promises";
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * The embedded database: PostgreSQL compiled to WebAssembly (PGlite), data in a local
 * directory, served on a loopback socket so the app uses the very same driver adapter
 * (`@prisma/adapter-pg`) and SQL as with a PostgreSQL server.
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
  const db = await PGlite.create(opts.dataDir);
  // mkdtemp creates the folder with mode 0700; os.tmpdir() keeps the path under the ~100-byte socket limit.
  const socketDir = await mkdtemp(path.join(tmpdir(), "vl-pglite-"));
  const socketPath = path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`);
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 8 });
  await server.start();
  await chmod(socketPath, 0o600);
  let stopped: Promise<void> | undefined;
  const handle: EmbeddedDatabase = {
    // pg (and so @prisma/adapter-pg and psql) read a `host` that is a folder as a Unix socket there.
    url: `postgres://postgres@localhost:${SOCKET_PORT}/postgres?host=${encodeURIComponent(socketDir)}&sslmode=disable`,
    dataDir: opts.dataDir,
    socketDir,
    stop() {
      // Idempotent: a second signal must not close PGlite twice.
      stopped ??= (async () => {
        await server.stop();
        await db.close();
        await rm(socketDir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
  if (opts.closeOnIdle) {
    // The socket server's listener would keep a CLI process alive forever.
    (server as unknown as { server?: { unref(): void } }).server?.unref();
    process.once("beforeExit", () => void handle.stop());
  }
  return handle;
}
