import type { Db } from "@/server/db";
import { DomainError } from "@/server/errors";
import { can, type Permission } from "@/server/permissions";
import { resolveWorkspaceAccess } from "@/server/workspaces/workspaces";
import type { Principal } from "./route";

/**
 * Routes under /api/prototypes/{id}: the prototype's own workspace decides, so a prototype in a
 * workspace the user is not a member of answers 404 like one that does not exist.
 */
export function prototypeScope<P extends { id: string } = { id: string }>(permission: Permission) {
  return async (db: Db, principal: Extract<Principal, { kind: "session" }>, params: P) => {
    const prototype = await db.prototype.findFirst({ where: { id: params.id }, select: { id: true, workspaceId: true } });
    if (!prototype) throw new DomainError("NOT_FOUND", "notFound", "Prototype not found", { entity: "Prototype" });
    const access = await resolveWorkspaceAccess(db, { workspaceId: prototype.workspaceId }, principal.user.id);
    if (!can(access.role, permission)) throw new DomainError("FORBIDDEN", "forbidden", "Your role does not allow this");
    return { workspaceId: access.workspace.id, prototypeId: prototype.id };
  };
}
