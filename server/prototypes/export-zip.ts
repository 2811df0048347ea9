import type { DbTx } from "@/server/db";
import { DomainError, found } from "@/server/errors";
import { recordAudit } from "@/server/workspaces/audit";
import { readRunZip } from "./export-artifact";

/** The download of a trained run: the zip ml/export built when the run finished. */
export async function buildRunExport(
  db: DbTx,
  args: { workspaceId: string; prototypeId: string; runId: string },
  paths: { dataDir: string },
): Promise<{ fileName: string; zip: Buffer }> {
  const run = found(
    await db.trainingRun.findFirst({
      where: { id: args.runId, prototypeId: args.prototypeId, workspaceId: args.workspaceId },
      select: { id: true, version: true, status: true, prototype: { select: { name: true } } },
    }),
    "Run",
  );
  if (run.status !== "SUCCEEDED") throw new DomainError("PRECONDITION_FAILED", "runNotFinished", "Only a succeeded run can be downloaded");
  const zip = await readRunZip(paths.dataDir, run.id).catch(() => {
    throw new DomainError("PRECONDITION_FAILED", "artifactMissing", "The trained model of this run is missing on the server");
  });
  const safeName =
    run.prototype.name
      .replace(/[^A-Za-z0-9_-]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "prototype";
  return { fileName: `${safeName}-v${run.version}.zip`, zip };
}

/** The download a member asked for: the run's zip, recorded in the audit log (a model leaving the workspace). */
export async function downloadRunExport(
  db: DbTx,
  args: { workspaceId: string; prototypeId: string; runId: string; actorId: string },
  paths: { dataDir: string },
): Promise<{ fileName: string; zip: Buffer }> {
  const out = await buildRunExport(db, args, paths);
  await recordAudit(db, {
    workspaceId: args.workspaceId,
    actorId: args.actorId,
    action: "model.exported",
    targetType: "run",
    targetId: args.runId,
    data: { name: out.fileName },
  });
  return out;
}
