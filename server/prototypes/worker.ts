import { randomUUID } from "node:crypto";
import os from "node:os";
import { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/server/db";
import { logger } from "@/server/log";
import type { RunProgress } from "./run-json";
import { beatPresence, forgetDeadWorkers, removePresence, type WorkerFacts } from "./worker-presence";

const workerLog = logger("run-worker");

export interface ClaimedRun {
  id: string;
  workspaceId: string;
  prototypeId: string;
  version: number;
  settings: unknown;
  attempts: number;
}

/** Reports what the pipeline is doing; the worker writes it to the run row (throttled). */
export interface RunReporter {
  progress(update: RunProgress): void;
}

// Workers started in this process, so that queueing a run can wake them at once. On globalThis because
// Next may load this module more than once (route bundles and instrumentation).
const globalForWorkers = globalThis as unknown as { __vlRunWorkerWakers?: Set<() => void> };
const wakers = (globalForWorkers.__vlRunWorkerWakers ??= new Set<() => void>());

/** Wakes this process's running workers (a run was just queued) instead of waiting for their next poll. */
export function wakeRunWorkers() {
  for (const wake of wakers) wake();
}

/** Default for `staleMs`; documented in docs/DEPLOY.md (how soon a dead worker's run is retried). */
export const DEFAULT_STALE_MS = 20_000;
export const DEFAULT_RECOVERY_MS = 5_000;

export type ExecuteRun = (run: ClaimedRun, context: { signal: AbortSignal; reporter: RunReporter; workerId: string }) => Promise<void>;

export interface RunWorkerOptions {
  db: Db;
  execute: ExecuteRun;
  workerId?: string;
  pollMs?: number;
  heartbeatMs?: number;
  /**
   * A RUNNING run whose heartbeat is older than this is considered orphaned (its worker died).
   * Default 20 s: about six missed heartbeats.
   */
  staleMs?: number;
  /**
   * How often this worker looks for orphaned runs, on its own timer: also while it is busy with a
   * long run of its own, so a dead worker's run is back in the queue within staleMs + recoveryMs.
   */
  recoveryMs?: number;
  /** Published with this worker's presence row (backend, device, backbone) for health and the UI. */
  facts?: WorkerFacts;
  /** Claims per run before an orphaned run is failed instead of re-queued. */
  maxAttempts?: number;
  /**
   * This worker is the database's only one (the embedded database has a single owning process):
   * a run still RUNNING when it starts belongs to a process that died, and is recovered at once
   * instead of after `staleMs`.
   */
  soleWorker?: boolean;
  log?: (line: string) => void;
}

export interface RunWorkerStatus {
  workerId: string;
  state: "stopped" | "idle" | "running";
  currentRunId: string | null;
  startedAt: string | null;
  completed: number;
}

/**
 * Takes the oldest queued run, atomically: two workers (the inline one and
 * `npm run worker` processes on PostgreSQL) never claim the same run.
 */
export async function claimNextRun(db: Db, workerId: string): Promise<ClaimedRun | null> {
  const rows = await db.$queryRaw<ClaimedRun[]>`
    UPDATE "TrainingRun"
       SET "status" = 'RUNNING', "workerId" = ${workerId}, "heartbeatAt" = NOW(), "startedAt" = NOW(),
           "attempts" = "attempts" + 1, "phase" = 'preparing', "error" = NULL,
           -- A new attempt starts with no progress: the previous attempt's "requeued" note must not linger,
           -- nor its engine (recorded again once this attempt knows it).
           "progress" = NULL, "embeddingEngine" = NULL
     WHERE "id" = (
       SELECT "id" FROM "TrainingRun"
        WHERE "status" = 'QUEUED' AND "cancelRequested" = false
        ORDER BY "queuedAt" ASC
        FOR UPDATE SKIP LOCKED
        LIMIT 1)
    RETURNING "id", "workspaceId", "prototypeId", "version", "settings", "attempts"`;
  return rows[0] ?? null;
}

/**
 * Runs left RUNNING by a worker that died (its heartbeat stopped) are re-queued
 * once, then failed with the reason, so no run stays "running" forever.
 */
export async function recoverStaleRuns(
  db: Db,
  options: { staleMs: number; maxAttempts: number; ownRunId?: string | null },
): Promise<{ requeued: number; failed: number }> {
  const cutoff = new Date(Date.now() - options.staleMs);
  const orphaned = {
    OR: [{ heartbeatAt: { lt: cutoff } }, { heartbeatAt: null }],
    // A worker knows its own run is alive even when its heartbeat is late (its event loop was
    // blocked by a busy machine): the recovery timer can fire before the heartbeat timer catches up.
    ...(options.ownRunId ? { id: { not: options.ownRunId } } : {}),
  };
  const failed = await db.trainingRun.updateMany({
    where: { status: "RUNNING", AND: [orphaned, { OR: [{ attempts: { gte: options.maxAttempts } }, { cancelRequested: true }] }] },
    data: {
      status: "FAILED",
      phase: "failed",
      error: "The worker stopped during the run (process restarted or crashed); start a new run.",
      finishedAt: new Date(),
      workerId: null,
    },
  });
  const requeued = await db.trainingRun.updateMany({
    where: { status: "RUNNING", ...orphaned, attempts: { lt: options.maxAttempts }, cancelRequested: false },
    data: {
      status: "QUEUED",
      phase: "queued",
      workerId: null,
      heartbeatAt: null,
      progress: { phase: "queued", note: "requeued after the worker stopped" },
    },
  });
  return { requeued: requeued.count, failed: failed.count };
}

/**
 * The job worker: claims one run at a time, heartbeats while it runs, turns the
 * run's cancel flag into an AbortSignal, and records how the run ended. Between
 * runs it polls; on a timer of its own it publishes its presence and recovers
 * orphaned runs.
 */
export function createRunWorker(options: RunWorkerOptions) {
  const workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const pollMs = options.pollMs ?? 2_000;
  const heartbeatMs = options.heartbeatMs ?? 3_000;
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const recoveryMs = options.recoveryMs ?? DEFAULT_RECOVERY_MS;
  const facts = options.facts ?? {};
  const maxAttempts = options.maxAttempts ?? 2;
  const log = options.log ?? ((line: string) => workerLog.info(line));
  const { db } = options;
  let stopping = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let current: { id: string; controller: AbortController } | null = null;
  let recoveryTimer: NodeJS.Timeout | undefined;
  let presenceTimer: NodeJS.Timeout | undefined;
  let recovering: Promise<void> = Promise.resolve();
  const status: RunWorkerStatus = { workerId, state: "stopped", currentRunId: null, startedAt: null, completed: 0 };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  /** Shutdown, not the user cancelling: the run goes back to the queue for the next worker. */
  const requeueForShutdown = (runId: string) =>
    db.trainingRun.updateMany({
      where: { id: runId, workerId, cancelRequested: false },
      // A clean hand-back is not a failed attempt: it must not count towards maxAttempts.
      data: {
        status: "QUEUED",
        phase: "queued",
        workerId: null,
        heartbeatAt: null,
        attempts: { decrement: 1 },
        progress: { phase: "queued", note: "requeued: the server was stopping" },
      },
    });

  async function runOne(run: ClaimedRun) {
    // stop() may have been called while the claim was in flight: `current` was
    // still null then, so nothing could be aborted. Hand the run back untouched.
    if (stopping) {
      await requeueForShutdown(run.id);
      log(`run ${run.id} handed back: the worker is stopping`);
      return;
    }
    const controller = new AbortController();
    current = { id: run.id, controller };
    status.state = "running";
    status.currentRunId = run.id;
    let latest: Record<string, unknown> | null = null;
    let written: Record<string, unknown> | null = null;
    // One statement per heartbeat (it shares the embedded database's one connection with every
    // page): the heartbeat, the progress when it changed, and back whether to stop. No row back
    // means the run is no longer this worker's RUNNING run (handed on, or finished): stop too.
    const flush = async () => {
      const changed = latest && latest !== written ? latest : null;
      const rows = await db.$queryRaw<{ cancelRequested: boolean }[]>`
        UPDATE "TrainingRun"
           SET "heartbeatAt" = ${new Date()}
               ${changed ? Prisma.sql`, "progress" = ${JSON.stringify(changed)}::jsonb, "phase" = COALESCE(${typeof changed.phase === "string" ? changed.phase : null}, "phase")` : Prisma.empty}
         WHERE "id" = ${run.id} AND "workerId" = ${workerId} AND "status" = 'RUNNING'
        RETURNING "cancelRequested"`;
      if (changed) written = changed;
      if (!rows[0] || rows[0].cancelRequested) controller.abort();
    };
    // One flush at a time, and the last one awaited before the run's final write.
    let flushing: Promise<void> = Promise.resolve();
    const heartbeat = setInterval(() => {
      flushing = flushing.then(flush).catch((err: Error) => log(`heartbeat failed: ${err.message}`));
    }, heartbeatMs);
    const stopHeartbeat = () => {
      clearInterval(heartbeat);
      return flushing;
    };
    const reporter: RunReporter = {
      progress(update) {
        latest = { ...update, at: new Date().toISOString() };
      },
    };
    try {
      await options.execute(run, { signal: controller.signal, reporter, workerId });
      // Every write of the run is guarded by its worker id: if the run was handed to another worker
      // meanwhile (this one's heartbeat lapsed), this result was discarded. Say which, truthfully.
      const owner = await db.trainingRun.findUnique({ where: { id: run.id }, select: { workerId: true } });
      log(
        owner?.workerId === workerId
          ? `run ${run.id} finished`
          : `run ${run.id} ended here after it had been handed to another worker; this result was discarded`,
      );
    } catch (err) {
      await stopHeartbeat();
      const aborted = controller.signal.aborted || (err as Error).name === "AbortError";
      const message = err instanceof Error ? err.message : String(err);
      if (aborted && stopping) await requeueForShutdown(run.id);
      await db.trainingRun.updateMany({
        where: { id: run.id, workerId, status: "RUNNING" },
        data: aborted
          ? { status: "CANCELLED", phase: "cancelled", finishedAt: new Date(), heartbeatAt: new Date() }
          : { status: "FAILED", phase: "failed", error: message.slice(0, 2000), finishedAt: new Date(), heartbeatAt: new Date() },
      });
      log(`run ${run.id} ${aborted ? (stopping ? "interrupted by shutdown" : "cancelled") : `failed: ${message}`}`);
    } finally {
      await stopHeartbeat();
      current = null;
      status.state = "idle";
      status.currentRunId = null;
      status.completed += 1;
    }
  }

  /** Re-queues (or fails) runs whose worker stopped heartbeating; never two at once in this worker. */
  async function recoverOnce(first: boolean) {
    try {
      // Alone on the database, every RUNNING run at start is an orphan: no need to wait for its heartbeat to age.
      const recovered = await recoverStaleRuns(db, {
        staleMs: first && options.soleWorker ? 0 : staleMs,
        maxAttempts,
        ownRunId: current?.id,
      });
      if (recovered.requeued || recovered.failed) {
        log(`recovered orphaned runs: ${recovered.requeued} re-queued, ${recovered.failed} failed`);
        wakeRunWorkers();
      }
      await forgetDeadWorkers(db, Math.max(10 * staleMs, 10 * 60_000));
    } catch (err) {
      log(`stale-run recovery failed: ${(err as Error).message}`);
    }
  }

  // Chained, so that stop() can wait for the last beat before removing the row (or it would reappear).
  let beating: Promise<void> = Promise.resolve();
  const beat = () =>
    (beating = beating.then(() =>
      beatPresence(db, workerId, status.state === "running" ? "running" : "idle", facts).catch((err: Error) =>
        log(`presence heartbeat failed: ${err.message}`),
      ),
    ));

  async function mainLoop() {
    await beat();
    await recoverOnce(true);
    // Recovery runs on its own timer, not between this worker's runs: a survivor busy with a long
    // run still hands a dead worker's run back to the queue promptly (another worker takes it).
    recoveryTimer = setInterval(() => {
      recovering = recovering.then(() => recoverOnce(false));
    }, recoveryMs);
    presenceTimer = setInterval(() => void beat(), heartbeatMs);
    while (!stopping) {
      try {
        const run = await claimNextRun(db, workerId);
        if (run) {
          log(`claimed run ${run.id} (v${run.version}, attempt ${run.attempts})`);
          await runOne(run);
          continue;
        }
      } catch (err) {
        log(`worker loop error: ${(err as Error).message}`);
      }
      await sleep(pollMs);
    }
  }

  const poke = () => wake?.();

  return {
    workerId,
    facts,
    status: (): RunWorkerStatus => ({ ...status }),
    start() {
      if (loop) return;
      stopping = false;
      status.state = "idle";
      status.startedAt = new Date().toISOString();
      loop = mainLoop();
      wakers.add(poke);
    },
    /** Stops claiming; a run in progress is interrupted and put back in the queue before this resolves. */
    async stop() {
      stopping = true;
      wakers.delete(poke);
      current?.controller.abort();
      wake?.();
      await loop;
      clearInterval(recoveryTimer);
      clearInterval(presenceTimer);
      await recovering;
      await beating;
      await removePresence(db, workerId).catch((err: Error) => log(`could not remove the presence row: ${err.message}`));
      loop = undefined;
      status.state = "stopped";
    },
  };
}

export type RunWorker = ReturnType<typeof createRunWorker>;
