import { execFile } from "node:child_process";
import { promisify } from "node:util";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyMigrations, listMigrations } from "./migrate";
import { databaseUrl } from "@/server/db";

const run = promisify(execFile);
const dir = path.join(process.cwd(), "prisma", "migrations");

describe("migrations", () => {
  it("are idempotent: a second start applies nothing", async () => {
    expect(listMigrations(dir).length).toBeGreaterThan(0);
    expect(await applyMigrations(databaseUrl(), dir)).toEqual([]);
  });

  // The Prisma CLI through the wrapped adapter agrees with our bookkeeping (prisma/orm#27403 workaround).
  it.skipIf(process.env.TEST_DB !== "postgres")(
    "leave `prisma migrate status` up to date",
    async () => {
      const { stdout } = await run("npx", ["prisma", "migrate", "status"], {
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl(),
          PRISMA_QUERY_ENGINE_LIBRARY: "package.json",
          PRISMA_SCHEMA_ENGINE_BINARY: "package.json",
        },
        timeout: 90_000,
      });
      expect(stdout).toContain("Database schema is up to date");
    },
    120_000,
  );
});
