import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { createCliAdapter } from "./server/db/cli-adapter";
import { startEmbeddedDatabase } from "./server/db/embedded";

/**
 * The Prisma CLI runs its WebAssembly schema engine through a driver adapter (no native
 * binaries). With DATABASE_URL it talks to that server; without it, it opens the embedded
 * database directory itself, so run it only while the app is stopped (PGlite has one owner).
 */
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (url) return createCliAdapter(url);
    const dir = process.env.EMBEDDED_DB_DIR ?? path.join(".data", "db");
    mkdirSync(dir, { recursive: true });
    const embedded = await startEmbeddedDatabase({ dataDir: dir, closeOnIdle: true });
    return createCliAdapter(embedded.url);
  },
});
