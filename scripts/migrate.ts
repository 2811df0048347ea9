// Applies the committed migrations and the start-up seed to DATABASE_URL, then exits: the `migrate`
// role of the container image (a Kubernetes Job or pre-upgrade hook). Web and worker processes do
// the same at start under PostgreSQL advisory locks, so running it first is optional; it only moves
// the wait for a long migration out of the processes' start-up.
import { env } from "@/server/env";
import { closeDatabase, ensureDatabase } from "@/server/runtime/database";

async function main() {
  if (!env.DATABASE_URL) {
    console.error("migrate needs DATABASE_URL (PostgreSQL); the embedded database migrates when the app starts.");
    process.exit(1);
  }
  await ensureDatabase();
  await closeDatabase();
  console.log("[migrate] database is up to date");
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
