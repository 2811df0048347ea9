import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db, DbTx } from "@/server/db";
import { hitRateLimit } from "@/server/auth/rate-limit";
import { DomainError, NotFoundError, found } from "@/server/errors";
import { env } from "@/server/env";
import { hashToken } from "@/server/workspaces/invitations";
import type { Answers } from "./answers";
import type { FacetId } from "./facets";
import { bundledInstrument, LATEST_INSTRUMENT_VERSION } from "./instruments";
import { latestResults } from "./latest-results";
import { observerFormView, scoreObserverSubmission, type ObserverScores } from "./observer";
import { compareSelfWithOthers, developmentFocus } from "./self-vs-others";
import { getShareLevel } from "./team";

/**
 * Raters: a founder (the subject) asks members of the workspace, or outsiders by a private
 * link, to answer the observer form about her or him (docs/ASSESSMENT.md, "Raters").
 *
 * Privacy rules enforced here:
 * - each rater answers once: the submission is a conditional update on a pending row, so a
 *   second submission (or a reused link) finds nothing to update;
 * - a link's token lives only in the link; the row keeps its hash, the founder's label and no
 *   name or email; the link reads the observer form and the founder's name, nothing else;
 * - the founder sees per-facet means only from MIN_RATERS raters (self-vs-others.ts), a member
 *   rater's own scores by name only if that rater opted in, and can delete any rater's answers;
 * - teammates see the aggregate only if the founder shares EVERYTHING, never names or labels.
 *
 * The observer texts were added to the bundled v2 file after publication (the self form is
 * unchanged), so the form is read from the bundled instrument, not the stored row.
 */

export const ZRaterLabel = z.string().trim().min(1).max(60);
export const ZRaterDays = z.number().int().min(1).max(90);
export const ZRaterToken = z
  .string()
  .min(20)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/);
export const ZObserverAnswers = z
  .record(z.string().min(1).max(80), z.union([z.number(), z.string().max(8)]))
  .refine((answers) => Object.keys(answers).length <= 200, { error: "Too many answers" });

type Scope = { workspaceId: string; userId: string };
export type RaterStatus = "pending" | "submitted" | "expired" | "revoked";

function statusOf(row: { submittedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): RaterStatus {
  if (row.submittedAt) return "submitted";
  if (row.revokedAt) return "revoked";
  return row.expiresAt <= now ? "expired" : "pending";
}

function expiry(now: Date, days: number | undefined) {
  return new Date(now.getTime() + (days ?? env.RATER_LINK_DAYS) * 24 * 60 * 60 * 1000);
}

/** An outsider by private link; returns the token once (only its hash is stored). */
export async function inviteLinkRater(db: DbTx, input: Scope & { label: string; days?: number; now?: Date }) {
  const now = input.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  const rater = await db.assessmentRater.create({
    data: {
      workspaceId: input.workspaceId,
      subjectId: input.userId,
      kind: "LINK",
      label: input.label,
      tokenHash: hashToken(token),
      instrumentVersion: LATEST_INSTRUMENT_VERSION,
      expiresAt: expiry(now, input.days),
    },
    select: { id: true, label: true, expiresAt: true },
  });
  return { rater, token };
}

/** A member of the workspace, who answers in the app; one open request per member. */
export async function inviteMemberRater(db: Db, input: Scope & { raterUserId: string; days?: number; now?: Date }) {
  const now = input.now ?? new Date();
  if (input.raterUserId === input.userId) throw new DomainError("BAD_REQUEST", "cannotRateSelf", "You cannot rate yourself");
  const member = found(
    await db.membership.findFirst({
      where: { workspaceId: input.workspaceId, userId: input.raterUserId },
      select: { user: { select: { name: true, email: true } } },
    }),
    "Member",
  );
  const open = await db.assessmentRater.findFirst({
    where: {
      workspaceId: input.workspaceId,
      subjectId: input.userId,
      raterUserId: input.raterUserId,
      submittedAt: null,
      revokedAt: null,
      expiresAt: { gt: now },
    },
    select: { id: true },
  });
  if (open) throw new DomainError("CONFLICT", "alreadyAsked", "This member already has an open request");
  return db.assessmentRater.create({
    data: {
      workspaceId: input.workspaceId,
      subjectId: input.userId,
      kind: "MEMBER",
      label: member.user.name ?? member.user.email,
      raterUserId: input.raterUserId,
      instrumentVersion: LATEST_INSTRUMENT_VERSION,
      expiresAt: expiry(now, input.days),
    },
    select: { id: true, label: true, expiresAt: true },
  });
}

/** The founder's own raters: label, kind and status; never answers. */
export async function listRaters(db: DbTx, scope: Scope, now = new Date()) {
  const rows = await db.assessmentRater.findMany({
    where: { workspaceId: scope.workspaceId, subjectId: scope.userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, kind: true, label: true, expiresAt: true, revokedAt: true, submittedAt: true, showName: true },
  });
  return rows.map(({ revokedAt, ...row }) => ({ ...row, status: statusOf({ ...row, revokedAt }, now) }));
}

async function ownRater(db: DbTx, scope: Scope, raterId: string) {
  return found(
    await db.assessmentRater.findFirst({
      where: { id: raterId, workspaceId: scope.workspaceId, subjectId: scope.userId },
      select: { id: true, submittedAt: true, revokedAt: true },
    }),
    "Rater",
  );
}

/** Stops a pending link or request from being answered. */
export async function revokeRater(db: DbTx, scope: Scope & { raterId: string }) {
  const rater = await ownRater(db, scope, scope.raterId);
  if (rater.submittedAt) throw new DomainError("PRECONDITION_FAILED", "alreadySubmitted", "Already answered: delete the answers instead");
  if (!rater.revokedAt) await db.assessmentRater.update({ where: { id: rater.id }, data: { revokedAt: new Date() } });
}

/** Deletes a rater and everything they answered; the means are recomputed without them. */
export async function deleteRater(db: DbTx, scope: Scope & { raterId: string }) {
  const rater = await ownRater(db, scope, scope.raterId);
  await db.assessmentRater.delete({ where: { id: rater.id } });
}

/* ── Answering ─────────────────────────────────────────────────────────── */

/** Per client address, shared by every app process: the public form must not be a guessing oracle. */
export async function limitPublicRaterForm(db: Db, ip: string | null) {
  const rate = await hitRateLimit(db, `rater-form:${ip ?? "unknown"}`, env.RATER_FORM_PER_MINUTE, 60_000);
  if (!rate.allowed) throw new DomainError("TOO_MANY_REQUESTS", "tooManyRequests", "Too many requests; try again in a minute");
}

function formFor(version: number) {
  return observerFormView(bundledInstrument(version));
}

async function founderName(db: DbTx, subjectId: string) {
  const user = await db.user.findUnique({ where: { id: subjectId }, select: { name: true } });
  return user?.name ?? null;
}

/**
 * What a rater link opens: its status and, while pending, the founder's name and the form.
 * An unknown token is "not found"; nothing about the workspace is returned.
 */
export async function describeRaterLink(db: DbTx, token: string, now = new Date()) {
  const row = found(
    await db.assessmentRater.findUnique({
      where: { tokenHash: hashToken(token) },
      select: { subjectId: true, instrumentVersion: true, expiresAt: true, revokedAt: true, submittedAt: true, kind: true },
    }),
    "Rater",
  );
  const status = statusOf(row, now);
  if (status !== "pending") return { status, founderName: null, form: null };
  return { status, founderName: await founderName(db, row.subjectId), form: formFor(row.instrumentVersion) };
}

async function submitWhere(
  db: DbTx,
  where: { tokenHash: string } | { id: string; workspaceId: string; raterUserId: string },
  answers: Answers,
  showName: boolean,
  now: Date,
) {
  const row = found(
    await db.assessmentRater.findFirst({
      where,
      select: { id: true, instrumentVersion: true, submittedAt: true, revokedAt: true, expiresAt: true },
    }),
    "Rater",
  );
  const status = statusOf(row, now);
  if (status !== "pending") throw new DomainError("PRECONDITION_FAILED", `rater_${status}`, `This rating request is ${status}`);
  const scores: ObserverScores = scoreObserverSubmission(bundledInstrument(row.instrumentVersion), answers);
  // Conditional on still pending: two submissions racing on one link store exactly one.
  const { count } = await db.assessmentRater.updateMany({
    where: { id: row.id, submittedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { answers: answers as object, scores: scores as object, submittedAt: now, showName },
  });
  if (count === 0) throw new DomainError("PRECONDITION_FAILED", "rater_submitted", "This rating request is submitted");
  return { submitted: true as const };
}

export async function submitRaterLink(db: DbTx, input: { token: string; answers: Answers; now?: Date }) {
  return submitWhere(db, { tokenHash: hashToken(input.token) }, input.answers, false, input.now ?? new Date());
}

/** Pending requests to the signed-in member in this workspace. */
export async function listRatingRequests(db: DbTx, scope: Scope, now = new Date()) {
  const rows = await db.assessmentRater.findMany({
    where: { workspaceId: scope.workspaceId, raterUserId: scope.userId, submittedAt: null, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { id: true, expiresAt: true, subject: { select: { name: true, email: true } } },
  });
  return rows.map((r) => ({ id: r.id, expiresAt: r.expiresAt, founderName: r.subject.name ?? r.subject.email }));
}

export async function memberRatingForm(db: DbTx, scope: Scope & { raterId: string }, now = new Date()) {
  const row = found(
    await db.assessmentRater.findFirst({
      where: { id: scope.raterId, workspaceId: scope.workspaceId, raterUserId: scope.userId },
      select: { subjectId: true, instrumentVersion: true, expiresAt: true, revokedAt: true, submittedAt: true },
    }),
    "Rater",
  );
  const status = statusOf(row, now);
  if (status !== "pending") return { status, founderName: null, form: null };
  return { status, founderName: await founderName(db, row.subjectId), form: formFor(row.instrumentVersion) };
}

export async function submitMemberRating(db: DbTx, input: Scope & { raterId: string; answers: Answers; showName: boolean; now?: Date }) {
  return submitWhere(
    db,
    { id: input.raterId, workspaceId: input.workspaceId, raterUserId: input.userId },
    input.answers,
    input.showName,
    input.now ?? new Date(),
  );
}

/* ── Self vs others ────────────────────────────────────────────────────── */

/**
 * The founder's latest self result beside the raters' means. The founder (viewer = subject)
 * also gets the tips ranked by others' view and the scores of member raters who chose to be
 * named; a teammate gets the per-facet aggregate only when the founder shares EVERYTHING, and
 * otherwise "not found", as if there were nothing.
 */
export async function selfVsOthers(db: DbTx, input: { workspaceId: string; viewerId: string; subjectId: string }) {
  const isSubject = input.viewerId === input.subjectId;
  if (!isSubject) {
    const member = await db.membership.findFirst({
      where: { workspaceId: input.workspaceId, userId: input.subjectId },
      select: { id: true },
    });
    const level = member ? await getShareLevel(db, { workspaceId: input.workspaceId, userId: input.subjectId }) : null;
    if (level !== "EVERYTHING") throw new NotFoundError("Ratings");
  }
  const rows = await db.assessmentRater.findMany({
    where: { workspaceId: input.workspaceId, subjectId: input.subjectId, submittedAt: { not: null } },
    orderBy: { submittedAt: "asc" },
    select: { kind: true, showName: true, scores: true, rater: { select: { name: true, email: true } } },
  });
  const raters = rows
    .filter((r) => r.scores !== null)
    .map((r) => ({ ...r, facetScores: (r.scores as unknown as ObserverScores).facetScores }));
  const self = (await latestResults(db, { workspaceId: input.workspaceId, userIds: [input.subjectId] })).get(input.subjectId) ?? null;
  const comparison = compareSelfWithOthers(
    self?.result.facetScores ?? null,
    raters.map((r) => r.facetScores),
  );
  const version = self?.result.instrumentVersion ?? LATEST_INSTRUMENT_VERSION;
  const tips = new Map(bundledInstrument(version).dimensions.flatMap((d) => d.facets.map((f) => [f.id, f.tips] as const)));
  return {
    raterCount: raters.length,
    self: self ? { attemptId: self.attemptId, completedAt: self.completedAt } : null,
    comparison,
    focus: isSubject ? developmentFocus(comparison, (f: FacetId) => tips.get(f) ?? []) : null,
    named: isSubject
      ? raters
          .filter((r) => r.kind === "MEMBER" && r.showName && r.rater)
          .map((r) => ({ name: r.rater!.name ?? r.rater!.email, facetScores: r.facetScores }))
      : [],
  };
}
