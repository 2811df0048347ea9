import type { Db } from "@/server/db";
import { storage as appStorage, type ObjectStorage } from "@/server/storage";
import { hashPassword } from "@/server/auth/password";
import { createWorkspace } from "@/server/workspaces/workspaces";
import { seedDemoAssessment } from "@/server/assessment/demo";
import { seedDemoOpportunities } from "@/server/opportunities/demo";
import { seedDemoIdea } from "@/server/ideas/demo";
import { seedDemoPrototype } from "@/server/prototypes/demo";
import { SEED_LOCK_KEY, withAdvisoryLock } from "@/server/db/advisory-lock";
import { REFERENCE_DATA } from "./reference";

export const DEMO_USER = { email: "demo@venturelens.local", password: "venturelens-demo", name: "Demo Founder" } as const;
export const DEMO_WORKSPACE_NAME = "Demo Ventures";

/**
 * Reference data (instrument versions, the opportunity dataset) is synced on every start:
 * versioned and idempotent. The demo account is created only when the database has no users,
 * so a database with data is never touched.
 */
export async function seedDatabase(db: Db, opts: { demo?: boolean; storage?: ObjectStorage } = {}) {
  for (const load of REFERENCE_DATA) await load(db);
  if (opts.demo === false) return { demoCreated: false };
  if ((await db.user.count()) > 0) return { demoCreated: false };
  const user = await db.user.create({
    data: { email: DEMO_USER.email, name: DEMO_USER.name, passwordHash: await hashPassword(DEMO_USER.password) },
    select: { id: true },
  });
  const ws = await createWorkspace(db, { userId: user.id, name: DEMO_WORKSPACE_NAME });
  const demo = { userId: user.id, workspaceId: ws.id, storage: opts.storage ?? appStorage() };
  for (const populate of DEMO_DATA) await populate(db, demo);
  return { demoCreated: true };
}

/**
 * The seed as every process runs it at start-up: under an advisory lock. Web and worker
 * processes starting together on an empty database would otherwise race on the reference-data
 * upserts and the demo account (P2002: find-then-create is not atomic) and one would be left
 * half-started.
 */
export function seedDatabaseExclusively(url: string, db: Db, opts: { demo?: boolean; storage?: ObjectStorage } = {}) {
  return withAdvisoryLock(url, SEED_LOCK_KEY, () => seedDatabase(db, opts));
}

/**
 * Demo content per domain, in order: a founder with two assessments, a shortlist, a
 * prototype with generated images and a queued run, and an idea joining them.
 */
const DEMO_DATA: ((db: Db, demo: { userId: string; workspaceId: string; storage: ObjectStorage }) => Promise<unknown>)[] = [
  seedDemoAssessment,
  seedDemoOpportunities,
  seedDemoPrototype,
  seedDemoIdea,
];
