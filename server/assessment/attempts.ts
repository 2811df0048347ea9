import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { DbTx } from "@/server/db";
import { DomainError, found } from "@/server/errors";
import { checkAnswers, hasIssues, InvalidAnswersError, type Answers } from "./answers";
import { compareOnSharedItems } from "./common-items";
import { compareAttempts } from "./compare";
import { DIMENSIONS } from "./facets";
import { currentInstrumentVersion, loadInstrument } from "./instrument-store";
import { scoreAttempt } from "./scoring";
import { saveBatched, type SavedRow } from "./save-batcher";
import { readStoredResult } from "./stored-result";

/**
 * Attempts: start or resume, autosave, submit, history, results. Every query carries the
 * workspace and the user: an attempt is private to its founder, and another member's or another
 * workspace's attempt id answers NOT_FOUND. Teammates see results only through team.ts.
 */

const MAX_ANSWERS_PER_SAVE = 200;
export const ZAnswerPatch = z
  .record(z.string().min(1).max(80), z.union([z.number(), z.string().max(8)]))
  .refine((patch) => Object.keys(patch).length <= MAX_ANSWERS_PER_SAVE, { error: "Too many answers in one save" });

const ATTEMPT_FIELDS = {
  id: true,
  instrumentVersion: true,
  answers: true,
  currentPage: true,
  status: true,
  revision: true,
  startedAt: true,
  updatedAt: true,
  completedAt: true,
} as const;

type AttemptRow = Prisma.AssessmentAttemptGetPayload<{ select: typeof ATTEMPT_FIELDS }>;

function view(row: AttemptRow) {
  return { ...row, answers: asAnswers(row.answers) };
}
export type AttemptView = ReturnType<typeof view>;

function asAnswers(json: Prisma.JsonValue): Record<string, number | string> {
  return json && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, number | string>) : {};
}

const openKey = (workspaceId: string, userId: string) => `${workspaceId}:${userId}`;

interface Owner {
  workspaceId: string;
  userId: string;
}

export async function getOpenAttempt(db: DbTx, { workspaceId, userId }: Owner): Promise<AttemptView | null> {
  const row = await db.assessmentAttempt.findFirst({
    where: { workspaceId, userId, status: "IN_PROGRESS" },
    select: ATTEMPT_FIELDS,
  });
  return row ? view(row) : null;
}

/** The open attempt, or a new one on the current instrument version. */
export async function startAttempt(db: DbTx, owner: Owner): Promise<AttemptView> {
  const open = await getOpenAttempt(db, owner);
  if (open) return open;
  try {
    const row = await db.assessmentAttempt.create({
      data: { ...owner, instrumentVersion: currentInstrumentVersion(), openKey: openKey(owner.workspaceId, owner.userId) },
      select: ATTEMPT_FIELDS,
    });
    return view(row);
  } catch (error) {
    // Two tabs pressed "start" at once: the unique openKey let one create; the other resumes it.
    if ((error as { code?: string }).code !== "P2002") throw error;
    return found(await getOpenAttempt(db, owner), "Attempt");
  }
}

async function loadOwnAttempt(db: DbTx, { workspaceId, userId, attemptId }: Owner & { attemptId: string }) {
  return found(await db.assessmentAttempt.findFirst({ where: { id: attemptId, workspaceId, userId }, select: ATTEMPT_FIELDS }), "Attempt");
}

const completedError = () =>
  new DomainError("CONFLICT", "attemptCompleted", "This attempt was already submitted; start a new one to change answers");

/**
 * Autosave: merges the given answers item by item into the stored ones in one statement
 * (jsonb `||`), so two tabs saving different items both keep theirs and the same item keeps
 * the later save; no read-modify-write window in which a save could be lost.
 *
 * The common case is a single statement, shared with concurrent saves (save-batcher.ts): nearly
 * every open attempt is on the current instrument version, so the answers are validated against
 * it and the UPDATE confirms the version, ownership and status in its WHERE clause. Only when
 * that matches no row (an attempt on an older version, a completed or foreign one) or the
 * answers look invalid is the attempt read, to apply its own version or say what is wrong.
 */
export async function saveAnswers(
  db: DbTx,
  input: Owner & { attemptId: string; answers: Answers; currentPage?: number },
): Promise<{ revision: number; answers: Record<string, number | string>; savedAt: Date }> {
  const page = input.currentPage ?? null;
  if (page !== null && !(Number.isInteger(page) && page >= 0 && page < DIMENSIONS.length)) {
    throw new DomainError("BAD_REQUEST", "invalidPage", "No such page");
  }
  const update = (instrumentVersion: number) => saveBatched(db, { ...input, instrumentVersion, patch: input.answers, page });
  const validFor = async (version: number) =>
    !hasIssues(checkAnswers(await loadInstrument(db, version), input.answers, { complete: false }));

  const guess = currentInstrumentVersion();
  const row = (await validFor(guess)) ? await update(guess) : null;
  if (row) return savedView(row);

  const attempt = await loadOwnAttempt(db, input);
  if (attempt.status !== "IN_PROGRESS") throw completedError();
  const instrument = await loadInstrument(db, attempt.instrumentVersion);
  const issues = checkAnswers(instrument, input.answers, { complete: false });
  if (hasIssues(issues)) throw new InvalidAnswersError(instrument.version, issues);
  const saved = await update(attempt.instrumentVersion);
  if (!saved) throw completedError(); // submitted from another tab in the meantime
  return savedView(saved);
}

function savedView(row: SavedRow) {
  return { revision: row.revision, answers: asAnswers(row.answers), savedAt: row.updatedAt };
}

/**
 * Scores the attempt with the instrument version it was started on and closes it. Missing or
 * invalid answers throw InvalidAnswersError listing the item ids (details.missing). Submitting
 * an attempt that is already completed returns it unchanged (a double click, a second tab).
 */
export async function submitAttempt(db: DbTx, input: Owner & { attemptId: string }) {
  for (let tries = 0; tries < 5; tries++) {
    const row = await loadOwnAttempt(db, input);
    if (row.status === "COMPLETED") return { attemptId: row.id };
    const instrument = await loadInstrument(db, row.instrumentVersion);
    const result = scoreAttempt(instrument, asAnswers(row.answers));
    const { count } = await db.assessmentAttempt.updateMany({
      where: { id: row.id, workspaceId: input.workspaceId, userId: input.userId, revision: row.revision, status: "IN_PROGRESS" },
      data: {
        status: "COMPLETED",
        openKey: null,
        scores: result as unknown as Prisma.InputJsonValue,
        completedAt: new Date(),
        revision: { increment: 1 },
      },
    });
    if (count === 1) return { attemptId: row.id };
  }
  throw new DomainError("CONFLICT", "saveConflict", "Your answers are being saved from another tab; try again");
}

/** Completed attempts, newest first. */
export async function listAttempts(db: DbTx, { workspaceId, userId }: Owner) {
  const rows = await db.assessmentAttempt.findMany({
    where: { workspaceId, userId, status: "COMPLETED" },
    orderBy: [{ completedAt: "desc" }, { id: "desc" }],
    select: { id: true, instrumentVersion: true, completedAt: true, scores: true },
  });
  return rows.map((row) => {
    const result = readStoredResult(row.scores);
    return {
      id: row.id,
      instrumentVersion: row.instrumentVersion,
      completedAt: row.completedAt as Date,
      dimensionScores: result.dimensionScores,
    };
  });
}

/** One of the founder's own completed attempts, with its stored result. */
export async function getResult(db: DbTx, { workspaceId, userId, attemptId }: Owner & { attemptId: string }) {
  const row = found(
    await db.assessmentAttempt.findFirst({
      where: { id: attemptId, workspaceId, userId, status: "COMPLETED" },
      select: { id: true, instrumentVersion: true, completedAt: true, scores: true },
    }),
    "Attempt",
  );
  return {
    id: row.id,
    instrumentVersion: row.instrumentVersion,
    completedAt: row.completedAt as Date,
    result: readStoredResult(row.scores),
  };
}

/**
 * Change from `baselineId` (usually earlier) to `attemptId`, both the founder's own. Across
 * instrument versions it adds the like-for-like change on the items both versions share.
 */
export async function compareOwnAttempts(db: DbTx, input: Owner & { attemptId: string; baselineId: string }) {
  const [attempt, baseline] = await Promise.all([getResult(db, input), getResult(db, { ...input, attemptId: input.baselineId })]);
  const comparison = compareAttempts(baseline.result, attempt.result);
  let sharedItems = null;
  if (!comparison.sameInstrument) {
    const answersOf = async (id: string, version: number) => {
      const row = await db.assessmentAttempt.findFirst({
        where: { id, workspaceId: input.workspaceId, userId: input.userId, status: "COMPLETED" },
        select: { answers: true },
      });
      return { instrument: await loadInstrument(db, version), answers: asAnswers(found(row, "Attempt").answers) };
    };
    sharedItems = compareOnSharedItems(
      await answersOf(baseline.id, baseline.instrumentVersion),
      await answersOf(attempt.id, attempt.instrumentVersion),
    );
  }
  return {
    attempt: { id: attempt.id, completedAt: attempt.completedAt },
    baseline: { id: baseline.id, completedAt: baseline.completedAt },
    comparison,
    sharedItems,
  };
}
