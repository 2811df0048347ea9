// npm run worker: the training-run worker on its own, for PostgreSQL deployments
// (DATABASE_URL set; run the web process with WORKER_MODE=off, or keep both: runs
// are claimed with FOR UPDATE SKIP LOCKED, so workers never share one).
import { env } from "@/server/env";
import { startRunWorker, stopRunWorker } from "@/server/runtime/ml-services";
import { closeDatabase, ensureDatabase } from "@/server/runtime/database";

async function main() {
  if (!env.DATABASE_URL) {
    console.error(
      "npm run worker needs DATABASE_URL (PostgreSQL). On the embedded database the web process owns the database and runs the worker itself.",
    );
    process.exit(1);
  }
  await ensureDatabase();
  const worker = await startRunWorker(env, "standalone");
  // The line an operator checks on a GPU host: which device and backbone this worker trains with.
  const f = worker.facts;
  console.log(
    `[worker] ${worker.workerId} on ${f.backend} (${f.device}), backbone ${f.backbone?.id ?? "?"} (${f.backbone?.status ?? "?"}), ` +
      `inference ${f.engine}: waiting for queued runs`,
  );
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.log(`[worker] ${signal}: stopping (a run in progress goes back to the queue)`);
      void stopRunWorker()
        .then(closeDatabase)
        .finally(() => process.exit(0));
    });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
