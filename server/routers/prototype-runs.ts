import { z } from "zod";
import { ZId } from "@/server/schemas";
import { env } from "@/server/env";
import { base64Length, bodyLimits, IMAGES_PER_REQUEST } from "@/server/http/limits";
import { mlStatus } from "@/server/runtime/ml-services";
import { predictAndKeep } from "@/server/prototypes/predict";
import { cancelRun, confusionCellImages, getRun, listRuns, startRun, ZTrainSettingsInput } from "@/server/prototypes/runs";
import { createTRPCRouter, workspaceProcedure } from "@/server/trpc";

/** Base64 of an image file, at most the upload limit per image (the route caps the whole body: server/http/limits.ts). */
const ZImageBase64 = z
  .string()
  .min(1)
  .max(base64Length(bodyLimits(env).image));

export const prototypeRunsRouter = createTRPCRouter({
  start: workspaceProcedure("prototype.train")
    .input(z.object({ prototypeId: ZId, settings: ZTrainSettingsInput.default({}) }))
    .mutation(({ ctx, input }) => startRun(ctx.db, { ...ctx.scope, prototypeId: input.prototypeId, settings: input.settings })),
  list: workspaceProcedure("prototype.read")
    .input(z.object({ prototypeId: ZId }))
    .query(({ ctx, input }) => listRuns(ctx.db, { workspaceId: ctx.workspace.id, prototypeId: input.prototypeId })),
  get: workspaceProcedure("prototype.read")
    .input(z.object({ runId: ZId }))
    .query(({ ctx, input }) => getRun(ctx.db, { workspaceId: ctx.workspace.id, runId: input.runId })),
  cancel: workspaceProcedure("prototype.train")
    .input(z.object({ runId: ZId }))
    .mutation(({ ctx, input }) => cancelRun(ctx.db, { workspaceId: ctx.workspace.id, runId: input.runId })),
  cellImages: workspaceProcedure("prototype.read")
    .input(z.object({ runId: ZId, truth: z.number().int().min(0).max(1000), predicted: z.number().int().min(0).max(1000) }))
    .query(({ ctx, input }) =>
      confusionCellImages(ctx.db, { workspaceId: ctx.workspace.id, runId: input.runId, truth: input.truth, predicted: input.predicted }),
    ),
  predict: workspaceProcedure("prototype.read")
    .input(z.object({ prototypeId: ZId, runId: ZId.optional(), images: z.array(ZImageBase64).min(1).max(IMAGES_PER_REQUEST) }))
    .mutation(({ ctx, input }) =>
      predictAndKeep(ctx.db, {
        workspaceId: ctx.workspace.id,
        source: "tryIt",
        prototypeId: input.prototypeId,
        ...(input.runId ? { runId: input.runId } : {}),
        images: input.images.map((b64) => Buffer.from(b64, "base64")),
      }),
    ),
  /** The compute backend, the backbone in use (or the fallback and its cost) and the worker's state. */
  mlStatus: workspaceProcedure("prototype.read").query(() => mlStatus(env)),
});
