import os from "node:os";
import type { Db } from "@/server/db";

/** What a worker tells the others about itself: no secrets, nothing about workspaces or runs. */
export interface WorkerFacts {
  backend?: string;
  device?: string;
  engine?: string;
  backbone?: { status: "pretrained" | "fallback"; id: string; title: string; bundled?: boolean; reason?: string };
  /** inline: inside a web process; standalone: `npm run worker`. */
  kind?: "inline" | "standalone";
}

export interface LiveWorker {
  id: string;
  hostname: string;
  pid: number;
  state: string;
  facts: WorkerFacts;
  startedAt: Date;
  heartbeatAt: Date;
}

/** Refreshes this worker's row (creating it on the first beat). */
export async function beatPresence(db: Db, workerId: string, state: "idle" | "running", facts: WorkerFacts) {
  await db.workerProcess.upsert({
    where: { id: workerId },
    create: { id: workerId, hostname: os.hostname(), pid: process.pid, facts: { ...facts }, state },
    update: { state, heartbeatAt: new Date(), facts: { ...facts } },
  });
}

export async function removePresence(db: Db, workerId: string) {
  await db.workerProcess.deleteMany({ where: { id: workerId } });
}

/** Workers whose last beat is younger than `staleMs`: the ones that can take a queued run now. */
export async function liveWorkers(db: Db, staleMs: number): Promise<LiveWorker[]> {
  const rows = await db.workerProcess.findMany({
    where: { heartbeatAt: { gte: new Date(Date.now() - staleMs) } },
    orderBy: { startedAt: "asc" },
  });
  return rows.map((r) => ({ ...r, facts: (r.facts ?? {}) as WorkerFacts }));
}

/** Rows of workers that died without removing themselves (SIGKILL, a lost machine), once clearly gone. */
export async function forgetDeadWorkers(db: Db, olderThanMs: number) {
  await db.workerProcess.deleteMany({ where: { heartbeatAt: { lt: new Date(Date.now() - olderThanMs) } } });
}
