import { z } from "zod";
import { INPUT_MAX } from "@/server/input-limits";
import type { DbTx } from "@/server/db";
import { DomainError, found } from "@/server/errors";
import { DEFAULT_PRIORITY_WEIGHTS, type PriorityWeights } from "./scoring";
import { getOpportunity } from "./refs";

/**
 * What a workspace adds to an opportunity: the shortlist star and pipeline status (one per
 * workspace, shared by its members), members' notes and votes (one vote per member), and the
 * priority weights. All rows carry workspaceId and every query filters on it; the referenced
 * opportunity is resolved in the same workspace first, so a foreign id is NOT_FOUND.
 */

export const STATUSES = ["idea", "exploring", "validating", "parked"] as const;
export type OpportunityStatus = (typeof STATUSES)[number];

export const ZRef = z.object({ ref: z.string().trim().min(1).max(80) });
export const ZNoteBody = z.string().trim().min(1, { error: "Write something first" }).max(INPUT_MAX.noteBody);

type Scope = { workspaceId: string; userId: string; ref: string };

export async function setStar(db: DbTx, { workspaceId, userId, ref, starred }: Scope & { starred: boolean }) {
  await getOpportunity(db, { workspaceId, ref });
  await db.opportunityMark.upsert({
    where: { workspaceId_ref: { workspaceId, ref } },
    create: { workspaceId, ref, starred, updatedById: userId },
    update: { starred, updatedById: userId },
  });
  return { ref, starred };
}

export async function setStatus(db: DbTx, { workspaceId, userId, ref, status }: Scope & { status: OpportunityStatus | null }) {
  await getOpportunity(db, { workspaceId, ref });
  await db.opportunityMark.upsert({
    where: { workspaceId_ref: { workspaceId, ref } },
    create: { workspaceId, ref, status, updatedById: userId },
    update: { status, updatedById: userId },
  });
  return { ref, status };
}

/** +1, −1, or 0 to take one's vote back. */
export async function setVote(db: DbTx, { workspaceId, userId, ref, value }: Scope & { value: -1 | 0 | 1 }) {
  await getOpportunity(db, { workspaceId, ref });
  if (value === 0) {
    await db.opportunityVote.deleteMany({ where: { workspaceId, ref, userId } });
  } else {
    await db.opportunityVote.upsert({
      where: { workspaceId_ref_userId: { workspaceId, ref, userId } },
      create: { workspaceId, ref, userId, value },
      update: { value },
    });
  }
  return votesFor(db, { workspaceId, userId, ref });
}

export async function votesFor(db: DbTx, { workspaceId, userId, ref }: Scope) {
  const votes = await db.opportunityVote.findMany({ where: { workspaceId, ref }, select: { userId: true, value: true } });
  return {
    up: votes.filter((v) => v.value > 0).length,
    down: votes.filter((v) => v.value < 0).length,
    mine: (votes.find((v) => v.userId === userId)?.value ?? 0) as -1 | 0 | 1,
  };
}

const NOTE_SELECT = {
  id: true,
  body: true,
  createdAt: true,
  updatedAt: true,
  authorId: true,
  author: { select: { name: true, email: true } },
} as const;

export async function listNotes(db: DbTx, { workspaceId, userId, ref }: Scope) {
  const notes = await db.opportunityNote.findMany({ where: { workspaceId, ref }, orderBy: { createdAt: "asc" }, select: NOTE_SELECT });
  return notes.map(({ author, authorId, ...n }) => ({ ...n, author: author.name ?? author.email, mine: authorId === userId }));
}

export async function addNote(db: DbTx, { workspaceId, userId, ref, body }: Scope & { body: string }) {
  await getOpportunity(db, { workspaceId, ref });
  await db.opportunityNote.create({ data: { workspaceId, ref, authorId: userId, body } });
  return listNotes(db, { workspaceId, userId, ref });
}

async function ownNote(db: DbTx, { workspaceId, userId, noteId }: { workspaceId: string; userId: string; noteId: string }) {
  const note = found(
    await db.opportunityNote.findFirst({ where: { id: noteId, workspaceId }, select: { authorId: true, ref: true } }),
    "Note",
  );
  // Notes are personal: teammates read them, only the author changes them.
  if (note.authorId !== userId) throw new DomainError("FORBIDDEN", "notYourNote", "Only the author can change a note");
  return note;
}

export async function updateNote(
  db: DbTx,
  { workspaceId, userId, noteId, body }: { workspaceId: string; userId: string; noteId: string; body: string },
) {
  const note = await ownNote(db, { workspaceId, userId, noteId });
  await db.opportunityNote.updateMany({ where: { id: noteId, workspaceId, authorId: userId }, data: { body } });
  return listNotes(db, { workspaceId, userId, ref: note.ref });
}

export async function deleteNote(db: DbTx, { workspaceId, userId, noteId }: { workspaceId: string; userId: string; noteId: string }) {
  const note = await ownNote(db, { workspaceId, userId, noteId });
  await db.opportunityNote.deleteMany({ where: { id: noteId, workspaceId, authorId: userId } });
  return listNotes(db, { workspaceId, userId, ref: note.ref });
}

export const ZWeights = z.object({
  value: z.number().min(0).max(100),
  feasibility: z.number().min(0).max(100),
  fit: z.number().min(0).max(100),
});

export async function getWeights(db: DbTx, workspaceId: string): Promise<PriorityWeights> {
  const row = await db.opportunityWeights.findUnique({ where: { workspaceId }, select: { value: true, feasibility: true, fit: true } });
  return row ?? DEFAULT_PRIORITY_WEIGHTS;
}

export async function setWeights(
  db: DbTx,
  { workspaceId, userId, weights }: { workspaceId: string; userId: string; weights: PriorityWeights },
) {
  const data = { ...weights, updatedById: userId };
  await db.opportunityWeights.upsert({ where: { workspaceId }, create: { workspaceId, ...data }, update: data });
  return getWeights(db, workspaceId);
}
