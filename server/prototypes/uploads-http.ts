import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/server/db";
import { DomainError, HTTP_STATUS } from "@/server/errors";
import { can, type Permission } from "@/server/permissions";
import type { SessionUser } from "@/server/trpc";
import { resolveWorkspaceAccess } from "@/server/workspaces/workspaces";

/**
 * Access for the upload and image routes: the prototype's own workspace decides, so a
 * prototype in a workspace the user is not a member of answers 404 like one that does not exist.
 */
export async function prototypeAccess(db: Db, user: SessionUser | null, prototypeId: string, permission: Permission) {
  if (!user) throw new DomainError("UNAUTHORIZED", "signIn", "Sign in first");
  const prototype = await db.prototype.findFirst({ where: { id: prototypeId }, select: { id: true, workspaceId: true } });
  if (!prototype) throw new DomainError("NOT_FOUND", "notFound", "Prototype not found", { entity: "Prototype" });
  const access = await resolveWorkspaceAccess(db, { workspaceId: prototype.workspaceId }, user.id);
  if (!can(access.role, permission)) throw new DomainError("FORBIDDEN", "forbidden", "Your role does not allow this");
  return { workspaceId: access.workspace.id, prototypeId: prototype.id };
}

export function errorResponse(err: unknown, what: string): Response {
  if (err instanceof DomainError) return Response.json({ error: err.message, reason: err.reason }, { status: HTTP_STATUS[err.code] });
  console.error(`[${what}] failed`, err);
  return Response.json({ error: "Something went wrong on our side. Please try again.", reason: "internal" }, { status: 500 });
}

/**
 * Streams a request body to a temporary file, stopping at `maxBytes` (the declared
 * Content-Length is checked first, the actual bytes while streaming). Returns the path and a
 * cleanup function.
 */
export async function bodyToTempFile(request: Request, maxBytes: number): Promise<{ file: string; cleanup: () => Promise<void> }> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  const tooLarge = () =>
    new DomainError("PAYLOAD_TOO_LARGE", "zip_too_large", `The archive is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit`);
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) throw new DomainError("BAD_REQUEST", "emptyBody", "No file was sent");
  const dir = await mkdtemp(path.join(os.tmpdir(), "vl-upload-"));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const file = path.join(dir, "upload.zip");
  try {
    const out = createWriteStream(file);
    let received = 0;
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > maxBytes) {
        await reader.cancel();
        out.destroy();
        throw tooLarge();
      }
      if (!out.write(value)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
    await new Promise<void>((resolve, reject) => {
      out.once("error", reject);
      out.end(() => resolve());
    });
    if (received === 0) throw new DomainError("BAD_REQUEST", "emptyBody", "No file was sent");
    return { file, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
