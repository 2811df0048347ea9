import { quantiseExportZip } from "@/ml/export/quantise";
import type { DbTx } from "@/server/db";
import { DomainError, found } from "@/server/errors";
import { recordAudit } from "@/server/workspaces/audit";
import { storage as appStorage, ObjectNotFoundError, type ObjectStorage, type StoredObjectStream } from "@/server/storage";
import { openRunZip } from "./export-artifact";

/** The download of a trained run: the zip ml/export built when the run finished. */
export async function buildRunExport(
  db: DbTx,
  args: { workspaceId: string; prototypeId: string; runId: string },
  storage: ObjectStorage = appStorage(),
): Promise<{ fileName: string; zip: StoredObjectStream }> {
  const run = found(
    await db.trainingRun.findFirst({
      where: { id: args.runId, prototypeId: args.prototypeId, workspaceId: args.workspaceId },
      select: { id: true, version: true, status: true, prototype: { select: { name: true } } },
    }),
    "Run",
  );
  if (run.status !== "SUCCEEDED") throw new DomainError("PRECONDITION_FAILED", "runNotFinished", "Only a succeeded run can be downloaded");
  const zip = await openRunZip(storage, run.id).catch((err: unknown) => {
    // Only a missing object is the user's answer; storage being unreachable stays an internal error.
    if (err instanceof ObjectNotFoundError)
      throw new DomainError("PRECONDITION_FAILED", "artifactMissing", "The trained model of this run is missing on the server");
    throw err;
  });
  const safeName =
    run.prototype.name
      .replace(/[^A-Za-z0-9_-]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "prototype";
  return { fileName: `${safeName}-v${run.version}.zip`, zip };
}

/** Which weights the download carries: the stored float32 zip, or the float16 one derived from it (ml/export/quantise.ts). */
export const EXPORT_WEIGHTS = ["float32", "float16"] as const;
export type ExportWeights = (typeof EXPORT_WEIGHTS)[number];

/**
 * The float16 download: the stored zip read whole (quantising needs every weight; a model is
 * tens of MB at most), its weights stored as float16, model.onnx left out. Recorded like the other.
 */
export async function downloadQuantisedRunExport(
  db: DbTx,
  args: { workspaceId: string; prototypeId: string; runId: string; actorId: string },
  storage: ObjectStorage = appStorage(),
): Promise<{ fileName: string; zip: Buffer }> {
  const built = await buildRunExport(db, args, storage);
  const chunks: Buffer[] = [];
  for await (const chunk of built.zip.body) chunks.push(chunk as Buffer);
  const out = { fileName: built.fileName.replace(/\.zip$/, "-float16.zip"), zip: await quantiseExportZip(Buffer.concat(chunks)) };
  await auditExport(db, args, out.fileName);
  return out;
}

/** The download a member asked for: the run's zip, recorded in the audit log (a model leaving the workspace). */
export async function downloadRunExport(
  db: DbTx,
  args: { workspaceId: string; prototypeId: string; runId: string; actorId: string },
  storage: ObjectStorage = appStorage(),
): Promise<{ fileName: string; zip: StoredObjectStream }> {
  const out = await buildRunExport(db, args, storage);
  try {
    await auditExport(db, args, out.fileName);
  } catch (err) {
    out.zip.body.destroy();
    throw err;
  }
  return out;
}

/** Every download of a model is in the audit log, under the file name the member received. */
function auditExport(db: DbTx, args: { workspaceId: string; runId: string; actorId: string }, fileName: string) {
  return recordAudit(db, {
    workspaceId: args.workspaceId,
    actorId: args.actorId,
    action: "model.exported",
    targetType: "run",
    targetId: args.runId,
    data: { name: fileName },
  });
}
