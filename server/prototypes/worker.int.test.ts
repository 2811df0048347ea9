import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { createUser, seedPrototype } from "@/server/test/factories";
import { claimNextRun, createRunWorker, recoverStaleRuns, type ExecuteRun, type RunWorker } from "./worker";
import { liveWorkers } from "./worker-presence";
import { describeWorkers } from "@/server/runtime/workers-view";

type User = Awaited<ReturnType<typeof createUser>>;
let owner: User;
let prototypeId: string;
const workers: RunWorker[] = [];

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const runRow = (id: string) => getDb().trainingRun.findUniqueOrThrow({ where: { id } });

function startWorker(
  execute: ExecuteRun,
  extra: {
    staleMs?: number;
    pollMs?: number;
    soleWorker?: boolean;
    recoveryMs?: number;
    facts?: Parameters<typeof createRunWorker>[0]["facts"];
  } = {},
) {
  const worker = createRunWorker({
    db: getDb(),
    execute,
    pollMs: extra.pollMs ?? 50,
    heartbeatMs: 100,
    staleMs: extra.staleMs ?? 60_000,
    recoveryMs: extra.recoveryMs,
    facts: extra.facts,
    soleWorker: extra.soleWorker,
    log: () => {},
  });
  workers.push(worker);
  worker.start();
  return worker;
}

/** An execute that finishes the run as the real pipeline does (only its own row, guarded by workerId). */
const succeed: ExecuteRun = async (run, { workerId }) => {
  await getDb().trainingRun.updateMany({
    where: { id: run.id, workerId },
    data: { status: "SUCCEEDED", phase: "done", finishedAt: new Date() },
  });
};

beforeAll(async () => {
  owner = await createUser({ name: "Trainer" });
  prototypeId = (await seedPrototype(owner.workspace.id, { name: "Worker test" })).id;
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  // Leave no queued run behind for the next test's worker.
  await getDb().trainingRun.updateMany({ where: { prototypeId, status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "CANCELLED" } });
});

describe("run worker", () => {
  it("starts a run queued through the API at once, not at its next poll", async () => {
    startWorker(succeed, { pollMs: 60_000 });
    // Let the first (empty) poll finish so the worker is asleep for a minute.
    await new Promise((r) => setTimeout(r, 500));
    const run = await owner.caller.runs.start({ workspaceId: owner.workspace.id, prototypeId, settings: {} });
    expect(
      (
        await until(
          () => runRow(run.id),
          (r) => r.status === "SUCCEEDED",
          5_000,
        )
      ).status,
    ).toBe("SUCCEEDED");
  });

  it("lets exactly one of two workers claim a queued run", async () => {
    const run = await owner.caller.runs.start({ workspaceId: owner.workspace.id, prototypeId, settings: {} });
    const claims = await Promise.all([claimNextRun(getDb(), "worker-a"), claimNextRun(getDb(), "worker-b")]);
    const mine = claims.filter((c) => c?.id === run.id);
    expect(mine).toHaveLength(1);
    expect(await runRow(run.id)).toMatchObject({ status: "RUNNING", attempts: 1, phase: "preparing" });
  });

  it("writes progress while running and stops a run when it is cancelled", async () => {
    let sawAbort = false;
    startWorker(async (_run, { signal, reporter }) => {
      for (let epoch = 1; ; epoch++) {
        reporter.progress({ phase: "training", epoch, epochs: 3 });
        await new Promise((r) => setTimeout(r, 40));
        if (signal.aborted) {
          sawAbort = true;
          throw new DOMException("cancelled", "AbortError");
        }
      }
    });
    const run = await owner.caller.runs.start({ workspaceId: owner.workspace.id, prototypeId, settings: { epochs: 3 } });
    const running = await until(
      () => runRow(run.id),
      (r) => r.status === "RUNNING" && ((r.progress as { epoch?: number } | null)?.epoch ?? 0) >= 2,
    );
    expect(running.phase).toBe("training");
    expect(running.heartbeatAt).not.toBeNull();

    await owner.caller.runs.cancel({ workspaceId: owner.workspace.id, runId: run.id });
    const cancelled = await until(
      () => runRow(run.id),
      (r) => r.status === "CANCELLED",
    );
    expect(sawAbort).toBe(true);
    expect(cancelled.finishedAt).not.toBeNull();
  });

  it("records a failure with its reason", async () => {
    startWorker(async () => {
      throw new Error("the images folder is gone");
    });
    const run = await owner.caller.runs.start({ workspaceId: owner.workspace.id, prototypeId, settings: {} });
    const failed = await until(
      () => runRow(run.id),
      (r) => r.status === "FAILED",
    );
    expect(failed.error).toBe("the images folder is gone");
  });

  it("re-queues a run whose worker died, finishes it on a new worker, and fails it after a second death", async () => {
    const db = getDb();
    const run = await owner.caller.runs.start({ workspaceId: owner.workspace.id, prototypeId, settings: {} });
    // A worker claims it and dies: its heartbeat stops.
    expect((await claimNextRun(db, "dead-worker"))?.id).toBe(run.id);
    await db.trainingRun.update({ where: { id: run.id }, data: { heartbeatAt: new Date(Date.now() - 120_000) } });

    expect(await recoverStaleRuns(db, { staleMs: 60_000, maxAttempts: 2 })).toMatchObject({ requeued: 1 });
    expect(await runRow(run.id)).toMatchObject({ status: "QUEUED", workerId: null });
    // It dies again on the second attempt: now the run fails with the reason instead of looping.
    expect((await claimNextRun(db, "dead-again"))?.id).toBe(run.id);
    await db.trainingRun.update({ where: { id: run.id }, data: { heartbeatAt: new Date(Date.now() - 120_000) } });
    expect(await recoverStaleRuns(db, { staleMs: 60_000, maxAttempts: 2 })).toMatchObject({ failed: 1 });
    expect(await runRow(run.id)).toMatchObject({
      status: "FAILED",
      attempts: 2,
      error: expect.stringMatching(/worker stopped during the run/),
    });

    // A fresh run orphaned once is picked up by a worker that starts afterwards and completes.
    const second = await owner.caller.runs.start({ workspaceId: owner.workspace.id, prototypeId, settings: {} });
    expect((await claimNextRun(db, "dead-worker"))?.id).toBe(second.id);
    await db.trainingRun.update({ where: { id: second.id }, data: { heartbeatAt: new Date(Date.now() - 120_000) } });
    startWorker(succeed, { staleMs: 1_000 });
    expect(
      await until(
        () => runRow(second.id),
        (r) => r.status === "SUCCEEDED",
      ),
    ).toMatchObject({ attempts: 2 });
  });

  it("hands a dead worker's run back to the queue promptly, while the surviving worker is busy with a long run", async () => {
    const db = getDb();
    let release!: () => void;
    const busy = new Promise<void>((resolve) => (release = resolve));
    const long = await owner.caller.runs.start({ workspaceId: owner.workspace.id, prototypeId, settings: {} });
    startWorker(
      async (run, context) => {
        await busy;
        await succeed(run, context);
      },
      { staleMs: 1_000, recoveryMs: 200 },
    );
    await until(
      () => runRow(long.id),
      (r) => r.status === "RUNNING",
    );
    // Another worker claims a run and is SIGKILLed: its heartbeat stops now.
    const orphan = await owner.caller.runs.start({ workspaceId: owner.workspace.id, prototypeId, settings: {} });
    expect((await claimNextRun(db, "killed-worker"))?.id).toBe(orphan.id);
    const requeued = await until(
      () => runRow(orphan.id),
      (r) => r.status === "QUEUED",
      5_000,
    );
    // Re-queued while the survivor's own run is still going (it used to wait for the survivor's run to end).
    expect(requeued.workerId).toBeNull();
    expect((await runRow(long.id)).status).toBe("RUNNING");
    release();
    await until(
      () => runRow(orphan.id),
      (r) => r.status === "SUCCEEDED",
    );
  });

  it("never declares its own run orphaned when its heartbeat is late (a blocked event loop on a busy machine)", async () => {
    // Heartbeats every 10 s, runs count as orphaned after 300 ms, recovery every 100 ms: only the
    // run's own worker is there to look, and it must know the run is alive.
    const worker = createRunWorker({
      db: getDb(),
      execute: async (run, context) => {
        await new Promise((r) => setTimeout(r, 1_200));
        await succeed(run, context);
      },
      pollMs: 50,
      heartbeatMs: 10_000,
      staleMs: 300,
      recoveryMs: 100,
      log: () => {},
    });
    workers.push(worker);
    worker.start();
    const run = await owner.caller.runs.start({ workspaceId: owner.workspace.id, prototypeId, settings: {} });
    const done = await until(
      () => runRow(run.id),
      (r) => r.status !== "QUEUED" && r.status !== "RUNNING",
      5_000,
    );
    expect(done).toMatchObject({ status: "SUCCEEDED", attempts: 1 });
  });

  it("clears the 'requeued' note when the next attempt starts", async () => {
    const db = getDb();
    const run = await owner.caller.runs.start({ workspaceId: owner.workspace.id, prototypeId, settings: {} });
    await claimNextRun(db, "dead-worker");
    await db.trainingRun.update({ where: { id: run.id }, data: { heartbeatAt: new Date(Date.now() - 120_000) } });
    await recoverStaleRuns(db, { staleMs: 60_000, maxAttempts: 2 });
    expect((await runRow(run.id)).progress).toMatchObject({ note: expect.stringMatching(/requeued/) });
    await claimNextRun(db, "second-worker");
    const second = await runRow(run.id);
    expect(second).toMatchObject({ status: "RUNNING", attempts: 2, phase: "preparing" });
    expect(second.progress).toBeNull();
  });

  it("is listed as a live worker with its device while it runs, and no longer once stopped", async () => {
    const facts = { kind: "standalone" as const, backend: "wasm", device: "CPU (WebAssembly SIMD)", engine: "ONNX Runtime (CPU)" };
    const worker = startWorker(succeed, { facts });
    const listed = await until(
      async () => describeWorkers(await liveWorkers(getDb(), 20_000)),
      (list) => list.some((w) => w.id === worker.workerId),
    );
    expect(listed.find((w) => w.id === worker.workerId)).toMatchObject({ ...facts, state: "idle" });
    await worker.stop();
    expect((await liveWorkers(getDb(), 20_000)).map((w) => w.id)).not.toContain(worker.workerId);
  });

  it("never leaves a finished run showing the phase a late heartbeat carried", async () => {
    startWorker(async (run, context) => {
      context.reporter.progress({ phase: "evaluating" });
      await succeed(run, context);
      // Cleanup after the final write (closing threads, freeing memory) while heartbeats keep firing.
      await new Promise((r) => setTimeout(r, 400));
    });
    const run = await owner.caller.runs.start({ workspaceId: owner.workspace.id, prototypeId, settings: {} });
    await until(
      () => runRow(run.id),
      (r) => r.status === "SUCCEEDED",
    );
    await new Promise((r) => setTimeout(r, 600));
    expect(await runRow(run.id)).toMatchObject({ status: "SUCCEEDED", phase: "done" });
  });

  it("on the embedded database, recovers a run left RUNNING by a killed process as soon as the worker starts", async () => {
    const run = await owner.caller.runs.start({ workspaceId: owner.workspace.id, prototypeId, settings: {} });
    // What kill -9 leaves: RUNNING, owned by a worker that no longer exists, heartbeat seconds old.
    await getDb().trainingRun.update({
      where: { id: run.id },
      data: { status: "RUNNING", workerId: "host:4242:dead", heartbeatAt: new Date(), attempts: 1, phase: "training" },
    });
    startWorker(succeed, { soleWorker: true });
    // Far sooner than the 60 s after which a heartbeat counts as stale.
    const done = await until(
      () => runRow(run.id),
      (r) => r.status === "SUCCEEDED",
      5_000,
    );
    expect(done.attempts).toBe(2);
  });

  it("puts a run back in the queue when the worker is stopped mid-run (server shutdown)", async () => {
    const worker = startWorker(async (_run, { signal }) => {
      await new Promise((_, reject) => signal.addEventListener("abort", () => reject(new DOMException("stop", "AbortError"))));
    });
    const run = await owner.caller.runs.start({ workspaceId: owner.workspace.id, prototypeId, settings: {} });
    await until(
      () => runRow(run.id),
      (r) => r.status === "RUNNING",
    );
    await worker.stop();
    // Handed back cleanly: not counted as a failed attempt.
    expect(await runRow(run.id)).toMatchObject({ status: "QUEUED", workerId: null, attempts: 0 });
  });

  it("hands a run back when the worker is stopped while its claim is still in flight", async () => {
    // Hold the claim's answer until stop() has been called: the run is RUNNING in
    // the database, but the worker has not started it yet (CI hit this window once).
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const real = getDb();
    const db = new Proxy(real, {
      get(target, key, receiver) {
        if (key !== "$queryRaw") return Reflect.get(target, key, receiver);
        return async (...args: Parameters<typeof real.$queryRaw>) => {
          const rows = await real.$queryRaw(...args);
          if (Array.isArray(rows) && rows.length) await gate;
          return rows;
        };
      },
    });
    let executed = false;
    const worker = createRunWorker({ db, execute: async () => void (executed = true), pollMs: 50, heartbeatMs: 100, log: () => {} });
    workers.push(worker);
    worker.start();
    const run = await owner.caller.runs.start({ workspaceId: owner.workspace.id, prototypeId, settings: {} });
    await until(
      () => runRow(run.id),
      (r) => r.status === "RUNNING",
    );
    const stopped = worker.stop();
    release();
    await stopped;
    expect(executed).toBe(false);
    expect(await runRow(run.id)).toMatchObject({ status: "QUEUED", workerId: null, attempts: 0 });
  });
});

describe("runs router", () => {
  it("refuses to queue a run without two classes of at least two images", async () => {
    const db = getDb();
    const lonely = await db.prototype.create({ data: { workspaceId: owner.workspace.id, name: "One class" }, select: { id: true } });
    await expect(owner.caller.runs.start({ workspaceId: owner.workspace.id, prototypeId: lonely.id, settings: {} })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
  });

  it("numbers runs as versions and cancels a queued run at once", async () => {
    const first = await owner.caller.runs.start({ workspaceId: owner.workspace.id, prototypeId, settings: { seed: 7 } });
    const second = await owner.caller.runs.start({ workspaceId: owner.workspace.id, prototypeId, settings: {} });
    expect(second.version).toBe(first.version + 1);
    expect(first.settings).toMatchObject({ seed: 7, epochs: 30 });
    const cancelled = await owner.caller.runs.cancel({ workspaceId: owner.workspace.id, runId: second.id });
    expect(cancelled.status).toBe("CANCELLED");
    const list = await owner.caller.runs.list({ workspaceId: owner.workspace.id, prototypeId });
    expect(list[0]!.version).toBe(second.version);
  });
});
