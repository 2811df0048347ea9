// @ts-check
// The embedded database's own thread: PGlite (PostgreSQL compiled to WebAssembly) executes every
// statement synchronously, so on the web server's main thread each query stopped page rendering
// and every other request for its whole length. Here it runs beside the main thread, on another
// core, behind the same Unix socket (server/db/embedded.ts starts and stops this thread).
import { chmod } from "node:fs/promises";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/** @type {{ dataDir: string; socketPath: string; maxConnections: number }} */
const { dataDir, socketPath, maxConnections } = workerData;
const port = /** @type {import("node:worker_threads").MessagePort} */ (parentPort);

try {
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections });
  await server.start();
  await chmod(socketPath, 0o600);
  port.on("message", async (/** @type {{ type: string }} */ message) => {
    if (message.type !== "stop") return;
    try {
      await server.stop();
      await db.close();
      port.postMessage({ type: "stopped" });
    } catch (err) {
      port.postMessage({ type: "stopped", error: err instanceof Error ? err.message : String(err) });
    }
    port.close();
  });
  port.postMessage({ type: "ready" });
} catch (err) {
  port.postMessage({ type: "failed", message: err instanceof Error ? err.message : String(err) });
  port.close();
}
