import { z } from "zod";
import { ZId, ZLocale } from "@/server/schemas";
import {
  compareOwnAttempts,
  getOpenAttempt,
  getResult,
  listAttempts,
  saveAnswers,
  startAttempt,
  submitAttempt,
  ZAnswerPatch,
} from "@/server/assessment/attempts";
import { exportOwnResultCsv } from "@/server/assessment/csv";
import { currentInstrumentVersion, loadInstrument } from "@/server/assessment/instrument-store";
import { questionnaireView } from "@/server/assessment/items";
import { referenceGroupFor, reliabilityOverview } from "@/server/assessment/reliability-store";
import { SHARE_LEVELS } from "@/server/assessment/sharing";
import { getShareLevel, setShareLevel, teamView } from "@/server/assessment/team";
import { createTRPCRouter, workspaceProcedure } from "@/server/trpc";

export const assessmentRouter = createTRPCRouter({
  /** Instrument texts for a version (reference data; membership is still required). */
  instrument: workspaceProcedure("assessment.read")
    .input(z.object({ version: z.number().int().min(1).max(1000) }))
    .query(async ({ ctx, input }) => questionnaireView(await loadInstrument(ctx.db, input.version))),

  /**
   * The open attempt (to resume), the latest completed one and the version a new attempt would
   * use, without side effects: opening the questionnaire starts nothing until the first answer.
   */
  current: workspaceProcedure("assessment.take").query(async ({ ctx }) => {
    const owner = ctx.scope;
    const [open, history] = await Promise.all([getOpenAttempt(ctx.db, owner), listAttempts(ctx.db, owner)]);
    return { open, latest: history[0] ?? null, currentVersion: currentInstrumentVersion() };
  }),
  start: workspaceProcedure("assessment.take").mutation(({ ctx }) => startAttempt(ctx.db, ctx.scope)),
  save: workspaceProcedure("assessment.take")
    .input(z.object({ attemptId: ZId, answers: ZAnswerPatch, currentPage: z.number().int().min(0).max(20).optional() }))
    .mutation(({ ctx, input }) => saveAnswers(ctx.db, { ...input, ...ctx.scope })),
  submit: workspaceProcedure("assessment.take")
    .input(z.object({ attemptId: ZId }))
    .mutation(({ ctx, input }) => submitAttempt(ctx.db, { ...input, ...ctx.scope })),

  history: workspaceProcedure("assessment.read").query(({ ctx }) => listAttempts(ctx.db, ctx.scope)),
  result: workspaceProcedure("assessment.read")
    .input(z.object({ attemptId: ZId }))
    .query(({ ctx, input }) => getResult(ctx.db, { ...input, ...ctx.scope })),
  compare: workspaceProcedure("assessment.read")
    .input(z.object({ attemptId: ZId, baselineId: ZId }))
    .query(({ ctx, input }) => compareOwnAttempts(ctx.db, { ...input, ...ctx.scope })),
  /** Percentiles per facet against the anonymous pool of completed attempts on this server (≥ 30 people). */
  referenceGroup: workspaceProcedure("assessment.read")
    .input(z.object({ attemptId: ZId }))
    .query(({ ctx, input }) => referenceGroupFor(ctx.db, { ...input, ...ctx.scope })),
  exportCsv: workspaceProcedure("assessment.read")
    .input(z.object({ attemptId: ZId, locale: ZLocale }))
    .query(({ ctx, input }) => exportOwnResultCsv(ctx.db, { ...input, ...ctx.scope })),

  sharing: workspaceProcedure("assessment.read").query(async ({ ctx }) => ({
    level: await getShareLevel(ctx.db, ctx.scope),
  })),
  setSharing: workspaceProcedure("assessment.take")
    .input(z.object({ level: z.enum(SHARE_LEVELS) }))
    .mutation(async ({ ctx, input }) => ({
      level: await setShareLevel(ctx.db, { ...ctx.scope, level: input.level }),
    })),
  team: workspaceProcedure("assessment.read").query(({ ctx }) =>
    teamView(ctx.db, { workspaceId: ctx.workspace.id, viewerId: ctx.user.id }),
  ),

  reliability: workspaceProcedure("assessment.admin").query(({ ctx }) => reliabilityOverview(ctx.db, { workspaceId: ctx.workspace.id })),
});
