#!/usr/bin/env node
// Integration tests twice: on the embedded database (PGlite) and on the local PostgreSQL server.
// TEST_DB=pglite or TEST_DB=postgres runs just one.
import { spawnSync } from "node:child_process";

const targets = process.env.TEST_DB ? [process.env.TEST_DB] : ["pglite", "postgres"];
for (const db of targets) {
  console.log(`\n── integration tests on ${db} ──`);
  const r = spawnSync("npx", ["vitest", "run", "--project", "integration", ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, TEST_DB: db },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
