#!/usr/bin/env node
// `npm test`: lint, type-check, unit tests, integration tests on the embedded database and on
// PostgreSQL, the Playwright journeys against a production build, then the scale-out topology (two
// web processes and two workers on PostgreSQL, reusing that build). Stops at the first failure.
import { spawnSync } from "node:child_process";

const steps = [
  ["lint", "npm", ["run", "lint"]],
  ["typecheck", "npm", ["run", "typecheck"]],
  ["unit", "npm", ["run", "test:unit"]],
  ["integration", "npm", ["run", "test:int"]],
  ["e2e", "npm", ["run", "test:e2e"]],
  ["topology", "npm", ["run", "test:topology"]],
];
const only = process.argv.slice(2);
const results = [];
for (const [name, cmd, args] of steps) {
  if (only.length && !only.includes(name)) continue;
  const started = Date.now();
  console.log(`\n━━ ${name} ━━`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  results.push(`${r.status === 0 ? "✓" : "✗"} ${name} (${secs} s)`);
  if (r.status !== 0) {
    console.log(`\n${results.join("\n")}\n\n${name} failed.`);
    process.exit(r.status ?? 1);
  }
}
console.log(`\n${results.join("\n")}\n\nAll test steps passed.`);
