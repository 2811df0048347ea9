#!/usr/bin/env node
// Development only, before the first release: rewrites the single initial migration from the
// whole schema. Once a release has shipped, use `npm run db:new-migration -- <name>` instead.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, readdirSync } from "node:fs";
import path from "node:path";

const dirs = readdirSync("prisma/migrations", { withFileTypes: true }).filter((d) => d.isDirectory());
if (dirs.length > 1) {
  console.error("More than one migration exists: add a new migration instead of squashing.");
  process.exit(2);
}
const env = { ...process.env, PRISMA_QUERY_ENGINE_LIBRARY: "package.json", PRISMA_SCHEMA_ENGINE_BINARY: "package.json" };
const sql = execFileSync("npx", ["prisma", "migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema", "--script"], {
  encoding: "utf8",
  env,
  stdio: ["ignore", "pipe", "inherit"],
});
const dir = path.join("prisma", "migrations", dirs[0]?.name ?? "20261128000000_init");
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
console.log(`Wrote ${dir}/migration.sql`);
