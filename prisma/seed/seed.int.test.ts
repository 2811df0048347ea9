import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { LocalDiskStorage } from "@/server/storage";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { startEmbeddedDatabase } from "@/server/db/embedded";
import { applyMigrations } from "@/server/db/migrate";
import { verifyPassword } from "@/server/auth/password";
import type { Db } from "@/server/db";
import { DEMO_PROTOTYPE_NAME } from "@/server/prototypes/demo";
import { DEMO_USER, DEMO_WORKSPACE_NAME, seedDatabase } from "./index";

describe("seed", () => {
  it("creates the demo account on an empty database and never touches one with data", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "vl-seed-"));
    const storage = new LocalDiskStorage(dir);
    const embedded = await startEmbeddedDatabase({ dataDir: dir });
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: embedded.url, max: 1 }) }) as unknown as Db;
    try {
      await applyMigrations(embedded.url, path.join(process.cwd(), "prisma", "migrations"));
      expect((await seedDatabase(db, { storage })).demoCreated).toBe(true);
      const user = await db.user.findUniqueOrThrow({ where: { email: DEMO_USER.email }, select: { id: true, passwordHash: true } });
      expect(await verifyPassword(DEMO_USER.password, user.passwordHash!)).toBe(true);
      const ws = await db.membership.findFirstOrThrow({
        where: { userId: user.id },
        select: { role: true, workspace: { select: { name: true } } },
      });
      expect(ws).toEqual({ role: "OWNER", workspace: { name: DEMO_WORKSPACE_NAME } });

      // Every section has something to show: a prototype with generated images and a queued run, and an idea joining it all.
      const prototype = await db.prototype.findFirstOrThrow({
        where: { name: DEMO_PROTOTYPE_NAME },
        select: { id: true, classes: { select: { name: true, _count: { select: { images: true } } }, orderBy: { position: "asc" } } },
      });
      expect(prototype.classes).toEqual(["clean", "scratched", "pitted"].map((name) => ({ name, _count: { images: 24 } })));
      expect(await db.trainingRun.findMany({ where: { prototypeId: prototype.id }, select: { status: true, version: true } })).toEqual([
        { status: "QUEUED", version: 1 },
      ]);
      const stored = await db.prototypeImage.findFirstOrThrow({ where: { prototypeId: prototype.id }, select: { storagePath: true } });
      expect(existsSync(path.join(dir, "uploads", stored.storagePath))).toBe(true);
      expect(await db.idea.findFirstOrThrow({ select: { opportunityRef: true, prototypeId: true } })).toEqual({
        opportunityRef: "manufacturing.visual-inspection",
        prototypeId: prototype.id,
      });
      // The idea's validation work: assumptions, one passed and one planned experiment, economics.
      expect(await db.ideaAssumption.count()).toBe(3);
      const experiments = await db.ideaExperiment.findMany({
        select: { kind: true, resultValue: true, threshold: true },
        orderBy: { createdAt: "asc" },
      });
      expect(experiments).toEqual([
        { kind: "interviews", resultValue: 9, threshold: 8 },
        { kind: "prototype", resultValue: null, threshold: 0.9 },
      ]);
      expect(await db.ideaEconomics.count()).toBe(1);

      // A user deletes the demo workspace; the next start must not bring it back.
      await db.workspace.deleteMany({});
      expect((await seedDatabase(db, { storage })).demoCreated).toBe(false);
      expect(await db.workspace.count()).toBe(0);
    } finally {
      await (db as unknown as PrismaClient).$disconnect();
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
