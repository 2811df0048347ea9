// npm run storage:migrate [-- --from <data folder>]
// Copies the files of a local data folder (uploads/, models/) into the bucket the S3_* settings
// name and verifies every object by SHA-256. Prints counts, bytes and mismatches; exits 1 on any
// mismatch. Safe to run again: objects already copied intact are skipped. Deletes nothing.
import path from "node:path";
import { parseArgs } from "node:util";
import { env } from "@/server/env";
import { APP_PREFIXES, LocalDiskStorage, S3Storage, storageFromEnv } from "@/server/storage";
import { migrateStorage } from "@/server/storage/migrate";

async function main() {
  const { values } = parseArgs({ options: { from: { type: "string" }, quiet: { type: "boolean" } } });
  if (env.STORAGE_DRIVER !== "s3") {
    console.error("storage:migrate copies into a bucket: set STORAGE_DRIVER=s3 and the S3_* settings (docs/DEPLOY.md → Object storage).");
    process.exit(2);
  }
  const from = path.resolve(values.from ?? env.dataDir);
  const source = new LocalDiskStorage(from);
  const target = storageFromEnv(env) as S3Storage;
  const where = `s3://${env.S3_BUCKET}/${env.S3_KEY_PREFIX ?? ""}${env.S3_ENDPOINT ? ` at ${env.S3_ENDPOINT}` : ""}`;
  console.log(`[storage:migrate] ${from} (${APP_PREFIXES.join(", ")}) → ${where}`);
  const started = Date.now();
  let seen = 0;
  const report = await migrateStorage(source, target, {
    prefixes: APP_PREFIXES,
    onObject: (key, outcome) => {
      if (outcome === "mismatch") console.error(`  MISMATCH ${key}`);
      else if (!values.quiet && ++seen % 500 === 0) console.log(`  … ${seen} objects`);
    },
  });
  target.close();
  const mb = (report.bytes / 1024 / 1024).toFixed(1);
  console.log(
    `[storage:migrate] ${report.objects} objects, ${mb} MB: ${report.copied} copied, ${report.unchanged} already there, ` +
      `${report.mismatches.length} mismatches (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  if (report.mismatches.length > 0) {
    console.error("[storage:migrate] some objects did not verify; run it again, and check the bucket if they persist.");
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  console.error("[storage:migrate] failed:", err instanceof Error ? err.message : err);
  process.exit(1);
});
