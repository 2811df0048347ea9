/**
 * Every key the app stores, in one place (docs/DEPLOY.md → Object storage lists them). On local
 * disk each is a path under the data folder, the layout installs had before object storage.
 *
 *   uploads/<workspaceId>/<prototypeId>/<contentHash>.<ext>            an uploaded image (normalised copy)
 *   uploads/<workspaceId>/<prototypeId>/<contentHash>.<ext>.thumb.jpg  its 256 px thumbnail (a cache)
 *   models/<runId>/export.zip                                          a trained run: TF.js + ONNX model, labels, README
 */

/** The top-level prefixes the app writes; `storage:migrate` copies these and nothing else from a data folder. */
export const APP_PREFIXES = ["uploads/", "models/"] as const;

const ID_PART = /^[A-Za-z0-9_-]+$/;

function part(value: string): string {
  if (!ID_PART.test(value)) throw new Error(`unsafe storage key part: ${value}`);
  return value;
}

/** Rows of uploaded images keep the key below `uploads/` (their `storagePath`, unchanged since before object storage). */
export function imageKey(storagePath: string): string {
  return `uploads/${storagePath}`;
}

export function thumbnailKey(storagePath: string): string {
  return `${imageKey(storagePath)}.thumb.jpg`;
}

export function workspaceUploadsPrefix(workspaceId: string): string {
  return `uploads/${part(workspaceId)}/`;
}

export function prototypeUploadsPrefix(workspaceId: string, prototypeId: string): string {
  return `uploads/${part(workspaceId)}/${part(prototypeId)}/`;
}

export function runPrefix(runId: string): string {
  return `models/${part(runId)}/`;
}

export function runExportKey(runId: string): string {
  return `${runPrefix(runId)}export.zip`;
}
