import { mkdtempSync, rmSync } from "node:fs";
import { LocalDiskStorage } from "@/server/storage";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { applyMigrations } from "@/server/db/migrate";
import { createScratchDatabase } from "@/server/db/scratch-database";
import type { Db } from "@/server/db";
import { DEMO_USER, seedDatabaseExclusively } from "./index";

// Several web and worker processes starting together on one empty PostgreSQL database: each
// migrates and seeds. The embedded database has one owning process by design, so this is a
// PostgreSQL-only scenario.
describe.skipIf(process.env.TEST_DB !== "postgres")("processes starting together on an empty database", () => {
  it("all finish the start-up seed, and the demo account exists once", async () => {
    const admin = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    const scratch = await createScratchDatabase(admin, "vl_start");
    const url = scratch.url;
    const dir = mkdtempSync(path.join(tmpdir(), "vl-start-"));
    const clients = Array.from(
      { length: 5 },
      () => new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) }) as unknown as Db,
    );
    try {
      const starts = clients.map(async (db) => {
        await applyMigrations(url, path.join(process.cwd(), "prisma", "migrations"));
        return seedDatabaseExclusively(url, db, { demo: true, storage: new LocalDiskStorage(dir) });
      });
      const results = await Promise.allSettled(starts);
      expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
      expect(results.filter((r) => r.status === "fulfilled" && r.value.demoCreated)).toHaveLength(1);
      expect(await clients[0]!.user.count({ where: { email: DEMO_USER.email } })).toBe(1);
    } finally {
      await Promise.all(clients.map((db) => db.$disconnect()));
      await scratch.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
