import type { LiveWorker } from "@/server/prototypes/worker-presence";
import type { MlStatus } from "./ml-services";

/** The live workers as the health endpoint lists them: what runs where, nothing about workspaces or runs. */
export function describeWorkers(workers: LiveWorker[]) {
  return workers.map((w) => ({
    id: w.id,
    state: w.state,
    kind: w.facts.kind,
    backend: w.facts.backend,
    device: w.facts.device,
    engine: w.facts.engine,
    backbone: w.facts.backbone?.id,
    startedAt: w.startedAt.toISOString(),
    lastSeenSecondsAgo: Math.round((Date.now() - w.heartbeatAt.getTime()) / 1000),
  }));
}

/**
 * A web process with WORKER_MODE=off does not train: what the training notice must say is what
 * the workers will use. A worker without the pretrained backbone wins (a run may land on it).
 */
export function workersView(workers: LiveWorker[], own: Pick<MlStatus, "backend" | "backbone">): Pick<MlStatus, "backend" | "backbone"> {
  const withFacts = workers.filter((w) => w.facts.backbone && w.facts.backend);
  if (!withFacts.length) return own;
  const chosen = withFacts.find((w) => w.facts.backbone!.status === "fallback") ?? withFacts[0]!;
  const f = chosen.facts;
  const backbone: MlStatus["backbone"] =
    f.backbone!.status === "pretrained"
      ? { status: "pretrained", id: f.backbone!.id, title: f.backbone!.title, bundled: Boolean(f.backbone!.bundled) }
      : {
          status: "fallback",
          id: f.backbone!.id,
          title: f.backbone!.title,
          reason: f.backbone!.reason ?? "",
          accuracyNote: own.backbone.status === "fallback" ? own.backbone.accuracyNote : "",
        };
  return {
    backbone,
    backend: { ...own.backend, backend: f.backend as MlStatus["backend"]["backend"], device: f.device ?? own.backend.device },
  };
}
