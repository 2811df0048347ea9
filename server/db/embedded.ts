import { mkdirSync } from "node:fs";
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
 */
export interface EmbeddedDatabase {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startEmbeddedDatabase(opts: {
  dataDir: string;
  port?: number;
  /** Let the process exit once nothing else is pending, closing the database first (CLI use). */
  closeOnIdle?: boolean;
}): Promise<EmbeddedDatabase> {
  mkdirSync(opts.dataDir, { recursive: true });
  const db = await PGlite.create(opts.dataDir);
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: opts.port ?? 0, maxConnections: 8 });
  await server.start();
  const [host, port] = server.getServerConn().split(":");
  let stopped: Promise<void> | undefined;
  const handle: EmbeddedDatabase = {
    url: `postgres://postgres:postgres@${host}:${port}/postgres?sslmode=disable`,
    dataDir: opts.dataDir,
    stop() {
      // Idempotent: a second signal must not close PGlite twice.
      stopped ??= (async () => {
        await server.stop();
        await db.close();
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
