import { Prisma } from "@/generated/prisma/client";
import type { DbTx } from "@/server/db";

/**
 * Group commit for autosaves: saves that arrive while a write is in flight (or in the same
 * tick) go to the database together, as one UPDATE … FROM (VALUES …) statement. On the
 * embedded database, which runs one statement at a time, the per-statement cost dominated a
 * burst of saves; one statement for many attempts removes most of it.
 *
 * Semantics are those of one save at a time, in arrival order: patches for the same attempt in
 * one batch are merged in order (a later value of an item wins, the latest page wins) before the
 * statement runs, because UPDATE … FROM applies only one source row per target row.
 */

export interface SaveRequest {
  attemptId: string;
  workspaceId: string;
  userId: string;
  instrumentVersion: number;
  patch: Readonly<Record<string, unknown>>;
  page: number | null;
}

export interface SavedRow {
  revision: number;
  answers: Prisma.JsonValue;
  updatedAt: Date;
}

interface Waiting {
  request: SaveRequest;
  resolve: (row: SavedRow | null) => void;
  reject: (error: unknown) => void;
}

interface Queue {
  waiting: Waiting[];
  running: boolean;
}

/** Rows per statement: keeps the parameter count (6 per row) far below PostgreSQL's 65,535. */
const MAX_BATCH = 500;

// One queue per client (or transaction): a batch never mixes connections' transactions.
const queues = new WeakMap<object, Queue>();

/** Applies one save; resolves with the updated row, or null when no row matched (foreign, completed, other version). */
export function saveBatched(db: DbTx, request: SaveRequest): Promise<SavedRow | null> {
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = { waiting: [], running: false }));
  const q = queue;
  return new Promise((resolve, reject) => {
    q.waiting.push({ request, resolve, reject });
    if (!q.running) {
      q.running = true;
      setImmediate(() => void drain(db, q));
    }
  });
}

async function drain(db: DbTx, queue: Queue) {
  while (queue.waiting.length > 0) {
    const batch = queue.waiting.splice(0, MAX_BATCH);
    try {
      const rows = await runBatch(db, groupByAttempt(batch));
      for (const w of batch) w.resolve(rows.get(keyOf(w.request)) ?? null);
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }
  queue.running = false;
}

const keyOf = (r: SaveRequest) => `${r.attemptId}\u0000${r.workspaceId}\u0000${r.userId}\u0000${r.instrumentVersion}`;

/** Merges the patches for each attempt in arrival order. */
export function groupByAttempt(batch: readonly { request: SaveRequest }[]): Map<string, SaveRequest> {
  const groups = new Map<string, SaveRequest>();
  for (const { request } of batch) {
    const key = keyOf(request);
    const seen = groups.get(key);
    groups.set(
      key,
      seen
        ? { ...seen, patch: { ...seen.patch, ...request.patch }, page: request.page ?? seen.page }
        : { ...request, patch: { ...request.patch } },
    );
  }
  return groups;
}

async function runBatch(db: DbTx, groups: Map<string, SaveRequest>): Promise<Map<string, SavedRow>> {
  const values = [...groups.values()].map(
    (r) =>
      Prisma.sql`(${r.attemptId}::text, ${r.workspaceId}::text, ${r.userId}::text, ${r.instrumentVersion}::int, ${JSON.stringify(r.patch)}::jsonb, ${r.page}::int)`,
  );
  const rows = await db.$queryRaw<(SavedRow & { id: string; workspaceId: string; userId: string; instrumentVersion: number })[]>`
    UPDATE "AssessmentAttempt" AS a
       SET "answers" = a."answers" || v.patch,
           "currentPage" = COALESCE(v.page, a."currentPage"),
           "revision" = a."revision" + 1,
           "updatedAt" = now()
      FROM (VALUES ${Prisma.join(values)}) AS v(id, "workspaceId", "userId", version, patch, page)
     WHERE a."id" = v.id AND a."workspaceId" = v."workspaceId" AND a."userId" = v."userId"
       AND a."status" = 'IN_PROGRESS' AND a."instrumentVersion" = v.version
     RETURNING a."id", a."workspaceId", a."userId", a."instrumentVersion", a."revision", a."answers", a."updatedAt"`;
  return new Map(
    rows.map((row) => [
      keyOf({
        attemptId: row.id,
        workspaceId: row.workspaceId,
        userId: row.userId,
        instrumentVersion: row.instrumentVersion,
        patch: {},
        page: null,
      }),
      { revision: row.revision, answers: row.answers, updatedAt: row.updatedAt },
    ]),
  );
}
