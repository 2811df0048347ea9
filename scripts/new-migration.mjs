#!/usr/bin/env node
// Creates prisma/migrations/<timestamp>_<name>/migration.sql by diffing the schema committed
// at HEAD against the edited one (`prisma migrate dev` needs a shadow database, which the
// driver-adapter path cannot provide). Usage: npm run db:new-migration -- <name>
// MIGRATION_BASE=<git ref> diffs against that commit instead of HEAD (one migration for a whole branch).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
if (!name) {
  console.error("Usage: npm run db:new-migration -- <name>");
  process.exit(2);
}
const env = { ...process.env, PRISMA_QUERY_ENGINE_LIBRARY: "package.json", PRISMA_SCHEMA_ENGINE_BINARY: "package.json" };
const base = process.env.MIGRATION_BASE ?? "HEAD";
const old = mkdtempSync(path.join(tmpdir(), "vl-schema-"));
let from = ["--from-empty"];
try {
  const files = execFileSync("git", ["ls-tree", "--name-only", base, "prisma/schema/"], { encoding: "utf8" })
    .split("\n")
    .filter((f) => f.endsWith(".prisma"));
  for (const f of files) {
    writeFileSync(path.join(old, path.basename(f)), execFileSync("git", ["show", `${base}:${f}`]));
  }
  if (files.length) from = ["--from-schema-datamodel", old];
} catch {
  // No commit yet: diff from an empty database.
}
const sql = execFileSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema", "--script"], {
  encoding: "utf8",
  env,
  stdio: ["ignore", "pipe", "inherit"],
});
rmSync(old, { recursive: true, force: true });
if (!/CREATE|ALTER|DROP/i.test(sql)) {
  console.log("The schema matches HEAD: no migration needed.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
console.log(`Wrote ${dir}/migration.sql`);
