import { z } from "zod";
import { INPUT_MAX } from "@/server/input-limits";
import { ZId } from "@/server/schemas";
import type { Db } from "@/server/db";
import { editConflict, unchangedSince } from "@/server/edits";
import { found } from "@/server/errors";
import { getOpportunity } from "@/server/opportunities/refs";

export const ZIdeaFields = z.object({
  title: z.string().trim().min(2, { error: "Use at least 2 characters" }).max(INPUT_MAX.ideaTitle),
  summary: z.string().trim().max(INPUT_MAX.ideaSummary).default(""),
  opportunityRef: z.string().trim().min(1).max(64).nullable().default(null),
  prototypeId: ZId.nullable().default(null),
});
export type IdeaFields = z.infer<typeof ZIdeaFields>;

// tRPC refuses objects with a key named "prototype" (a prototype-pollution guard), so the
// linked prototype travels as `linkedPrototype`.
const SELECT = {
  id: true,
  title: true,
  summary: true,
  opportunityRef: true,
  prototypeId: true,
  createdAt: true,
  updatedAt: true,
  prototype: { select: { id: true, name: true } },
} as const;

/** What an idea links to must exist and, unless curated, belong to the same workspace. */
async function assertLinksInWorkspace(db: Db, workspaceId: string, fields: IdeaFields) {
  if (fields.prototypeId) {
    found(await db.prototype.findFirst({ where: { id: fields.prototypeId, workspaceId }, select: { id: true } }), "Prototype");
  }
  if (fields.opportunityRef) await getOpportunity(db, { workspaceId, ref: fields.opportunityRef });
}

type Row = { prototype: { id: string; name: string } | null } & Record<string, unknown>;
function shape<T extends Row>({ prototype, ...rest }: T) {
  return { ...rest, linkedPrototype: prototype };
}

export async function listIdeas(db: Db, workspaceId: string) {
  const rows = await db.idea.findMany({ where: { workspaceId }, orderBy: { createdAt: "desc" }, select: SELECT });
  return rows.map(shape);
}

/** The newest ideas with what evaluating them needs, without the linked prototype (a second statement). */
export function listNewestIdeas(db: Db, workspaceId: string, limit: number) {
  return db.idea.findMany({
    where: { workspaceId },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, title: true, opportunityRef: true },
  });
}

/** What evaluating the idea needs; NOT_FOUND outside the workspace, like getIdea. */
export async function getIdeaToEvaluate(db: Db, { workspaceId, ideaId }: { workspaceId: string; ideaId: string }) {
  return found(await db.idea.findFirst({ where: { id: ideaId, workspaceId }, select: { id: true, opportunityRef: true } }), "Idea");
}

export async function getIdea(db: Db, { workspaceId, ideaId }: { workspaceId: string; ideaId: string }) {
  return shape(found(await db.idea.findFirst({ where: { id: ideaId, workspaceId }, select: SELECT }), "Idea"));
}

export async function createIdea(db: Db, { workspaceId, userId, fields }: { workspaceId: string; userId: string; fields: IdeaFields }) {
  await assertLinksInWorkspace(db, workspaceId, fields);
  return shape(await db.idea.create({ data: { ...fields, workspaceId, createdById: userId }, select: SELECT }));
}

export async function updateIdea(
  db: Db,
  { workspaceId, ideaId, fields, baseUpdatedAt }: { workspaceId: string; ideaId: string; fields: IdeaFields; baseUpdatedAt?: Date },
) {
  await getIdea(db, { workspaceId, ideaId });
  await assertLinksInWorkspace(db, workspaceId, fields);
  // updateMany with the workspace in the filter: the write itself is scoped, not only the check.
  const res = await db.idea.updateMany({ where: { id: ideaId, workspaceId, ...unchangedSince(baseUpdatedAt) }, data: fields });
  if (res.count === 0) {
    await getIdea(db, { workspaceId, ideaId }); // deleted meanwhile: NOT_FOUND
    throw editConflict("idea");
  }
  return getIdea(db, { workspaceId, ideaId });
}

export async function deleteIdea(db: Db, { workspaceId, ideaId }: { workspaceId: string; ideaId: string }) {
  const res = await db.idea.deleteMany({ where: { id: ideaId, workspaceId } });
  if (res.count === 0) found(null, "Idea");
}
