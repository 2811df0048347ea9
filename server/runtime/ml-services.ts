import { ensureBackend } from "@/ml/backend";
import { BUNDLED_BACKBONES, ensureBundledBackbone, resolveBackbone } from "@/ml/backbone";
import { engineLabel, plannedEngine } from "@/ml/embed";
import type { BackendInfo, InferenceEngine } from "@/ml/types";
import { getDb } from "@/server/db";
import type { Env } from "@/server/env";
import { registerHealth } from "./health";
import type { BackgroundService } from "./services";
import { closePredictor } from "@/server/prototypes/predict";
import { createExecuteRun } from "@/server/prototypes/training";
import { createRunWorker, type RunWorker, type RunWorkerStatus } from "@/server/prototypes/worker";
import { liveWorkers, type WorkerFacts } from "@/server/prototypes/worker-presence";
import { describeWorkers, workersView } from "./workers-view";
import { logger } from "@/server/log";

const log = logger("ml");

const globalForMl = globalThis as unknown as { __vlRunWorker?: RunWorker; __vlBundledPrepared?: Map<string, Promise<void>> };

/** What the UI and the health endpoint say about the ML side. */
export interface MlStatus {
  backend: BackendInfo;
  backbone:
    | { status: "pretrained"; id: string; title: string; bundled: boolean }
    | { status: "fallback"; id: string; title: string; reason: string; accuracyNote: string };
  /** The engine for embeddings and predictions (ONNX Runtime, or TF.js as the fallback) and why, when it is the fallback. */
  inference: { engine: InferenceEngine; label: string; reason?: string };
  worker: RunWorkerStatus | { state: "elsewhere"; note: string };
  /**
   * Where training happens when this process trains nothing itself (WORKER_MODE=off): the live
   * workers. Then `backbone` and `backend` are the workers', not this process's.
   */
  trainingWorkers?: { live: number };
}

const staleMs = (env: Env) => env.WORKER_STALE_SECONDS * 1000;

export async function mlStatus(env: Env): Promise<MlStatus> {
  const backend = await ensureBackend({ preference: env.ML_BACKEND });
  const resolution = await resolveBackbone({ modelsDir: env.modelsDir });
  const backbone: MlStatus["backbone"] =
    resolution.status === "pretrained"
      ? {
          status: "pretrained",
          id: resolution.backbone.spec.id,
          title: resolution.backbone.spec.title,
          bundled: BUNDLED_BACKBONES.some((spec) => spec.id === resolution.backbone.spec.id),
        }
      : {
          status: "fallback",
          id: resolution.spec.id,
          title: resolution.spec.title,
          reason: resolution.reason,
          accuracyNote: resolution.accuracyNote,
        };
  const worker = globalForMl.__vlRunWorker?.status() ?? {
    state: "elsewhere" as const,
    note:
      env.WORKER_MODE === "off"
        ? "WORKER_MODE=off: runs are trained by `npm run worker`"
        : "the job worker has not started in this process",
  };
  const plan = await plannedEngine(resolution.status === "pretrained" ? resolution.backbone : undefined, backend);
  const inference = { engine: plan.engine, label: engineLabel(plan.engine), ...(plan.reason ? { reason: plan.reason } : {}) };
  if (env.WORKER_MODE === "off") {
    const workers = await liveWorkers(getDb(), staleMs(env));
    return { ...workersView(workers, { backend, backbone }), inference, worker, trainingWorkers: { live: workers.length } };
  }
  return { backend, backbone, inference, worker };
}

/** What this worker publishes in its presence row (see describeWorkers). */
function workerFacts(status: MlStatus, kind: WorkerFacts["kind"]): WorkerFacts {
  const b = status.backbone;
  return {
    kind,
    backend: status.backend.backend,
    device: status.backend.device,
    engine: status.inference.label,
    backbone:
      b.status === "pretrained"
        ? { status: "pretrained", id: b.id, title: b.title, bundled: b.bundled }
        : { status: "fallback", id: b.id, title: b.title, reason: b.reason },
  };
}

/**
 * Installs the pretrained MobileNet that ships with npm into the models folder
 * (once; about a second) so that a fresh install trains with pretrained
 * features, not the compact CNN. A failure is logged, never fatal.
 */
export function prepareBundledBackbone(env: Env): Promise<void> {
  // Once per process and folder: the worker and the health service both ask at start-up.
  const prepared = (globalForMl.__vlBundledPrepared ??= new Map<string, Promise<void>>());
  let pending = prepared.get(env.modelsDir);
  if (!pending) {
    // The default first (new runs need it); then the earlier features, which runs trained
    // before the default changed still embed with (their out-of-distribution hint).
    pending = BUNDLED_BACKBONES.reduce(
      (previous, spec, i) =>
        previous.then(() =>
          ensureBundledBackbone(env.modelsDir, { spec }).then((result) => {
            if (result.status === "installed") log.info("installed the bundled backbone", { id: result.id, dir: result.dir });
            if (result.status === "unavailable")
              log.warn(
                i > 0
                  ? "bundled backbone for older runs not available; their out-of-distribution hint is skipped"
                  : env.WORKER_MODE === "off"
                    ? // This process trains nothing: the workers use the backbone installed where they run.
                      "bundled backbone not available here; predictions on this server need the backbone of the runs' models (training happens on the workers, with theirs)"
                    : "bundled backbone not available; without a downloaded one, training uses the compact CNN",
                { id: result.id, reason: result.reason },
              );
          }),
        ),
      Promise.resolve(),
    );
    prepared.set(env.modelsDir, pending);
  }
  return pending;
}

/** Starts the job worker in this process (the web process on the embedded database, or `npm run worker`). */
export async function startRunWorker(env: Env, kind: WorkerFacts["kind"] = "inline"): Promise<RunWorker> {
  // The backend is chosen once, at start-up, before any run.
  const backend = await ensureBackend({ preference: env.ML_BACKEND });
  log.info(`backend ${backend.backend} (${backend.device})`, backend.fallbackReason ? { fallbackReason: backend.fallbackReason } : {});
  await prepareBundledBackbone(env);
  const db = getDb();
  const facts = workerFacts(await mlStatus({ ...env, WORKER_MODE: "inline" }), kind);
  const worker = createRunWorker({
    db,
    execute: createExecuteRun({ db, env }),
    soleWorker: env.databaseMode === "embedded",
    staleMs: staleMs(env),
    facts,
  });
  globalForMl.__vlRunWorker = worker;
  registerHealth("ml", async () => ({ ...(await mlStatus(env)) }));
  registerWorkersHealth(env);
  worker.start();
  return worker;
}

/** `workers` in /api/health: every live worker of the deployment, from their heartbeats. */
function registerWorkersHealth(env: Env) {
  registerHealth("workers", async () => {
    const live = describeWorkers(await liveWorkers(getDb(), staleMs(env)));
    return { live: live.length, list: live };
  });
}

export async function stopRunWorker() {
  await globalForMl.__vlRunWorker?.stop();
  globalForMl.__vlRunWorker = undefined;
  await closePredictor();
}

/**
 * The "ml" entry of the health endpoint (backend, device, threads, backbone or
 * fallback, worker state), also when this process runs no worker.
 */
export const mlHealthService: BackgroundService = {
  name: "ml health",
  start: async (env) => {
    registerHealth("ml", async () => ({ ...(await mlStatus(env)) }));
    registerWorkersHealth(env);
    await prepareBundledBackbone(env);
  },
  stop: () => {},
};

/** The inline job worker, registered in server/runtime/service-list.ts. */
export const runWorkerService: BackgroundService = {
  name: "training-run worker",
  start: async (env) => {
    await startRunWorker(env);
  },
  stop: stopRunWorker,
};
