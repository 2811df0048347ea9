import { z } from "zod";
import { INPUT_MAX } from "@/server/input-limits";
import { ZId } from "@/server/schemas";
import { env } from "@/server/env";
import { bodyLimits } from "@/server/http/limits";
import { addClass, deleteClass, mergeClasses, renameClass } from "@/server/prototypes/classes";
import { deletePrototype, deletionImpact } from "@/server/prototypes/delete-prototype";
import { deleteImages, listImages, relabelImages } from "@/server/prototypes/images";
import {
  createPrototype,
  getPrototype,
  listPrototypes,
  setArchived,
  updatePrototype,
  ZCreatePrototypeInput,
  ZUpdatePrototypeInput,
} from "@/server/prototypes/prototypes";
import { createTRPCRouter, workspaceProcedure } from "@/server/trpc";

const ZPrototypeRef = z.object({ prototypeId: ZId });

export const prototypesRouter = createTRPCRouter({
  /** The configured upload limits, so the page can state them and refuse an oversized file before sending it. */
  uploadLimits: workspaceProcedure("prototype.read").query(() => ({
    maxImageMb: env.UPLOAD_MAX_IMAGE_MB,
    maxZipMb: env.UPLOAD_MAX_ZIP_MB,
    maxMegapixels: env.UPLOAD_MAX_PIXELS / 1_000_000,
    predictCallChars: bodyLimits(env).predictCallChars,
  })),
  list: workspaceProcedure("prototype.read")
    .input(z.object({ includeArchived: z.boolean().optional() }))
    .query(({ ctx, input }) => listPrototypes(ctx.db, { workspaceId: ctx.workspace.id, includeArchived: input.includeArchived ?? false })),
  get: workspaceProcedure("prototype.read")
    .input(ZPrototypeRef)
    .query(({ ctx, input }) => getPrototype(ctx.db, { workspaceId: ctx.workspace.id, prototypeId: input.prototypeId })),
  create: workspaceProcedure("prototype.write")
    .input(ZCreatePrototypeInput)
    .mutation(({ ctx, input }) => createPrototype(ctx.db, { ...input, ...ctx.scope })),
  update: workspaceProcedure("prototype.write")
    .input(ZUpdatePrototypeInput)
    .mutation(({ ctx, input }) => updatePrototype(ctx.db, { ...input, workspaceId: ctx.workspace.id })),
  archive: workspaceProcedure("prototype.write")
    .input(ZPrototypeRef.extend({ archived: z.boolean() }))
    .mutation(({ ctx, input }) =>
      setArchived(ctx.db, { workspaceId: ctx.workspace.id, prototypeId: input.prototypeId, archived: input.archived }),
    ),
  /** What a delete would remove, and the ideas that would lose their evidence. */
  deletionImpact: workspaceProcedure("prototype.write")
    .input(ZPrototypeRef)
    .query(({ ctx, input }) => deletionImpact(ctx.db, { workspaceId: ctx.workspace.id, prototypeId: input.prototypeId })),
  /** Rows and files, kept predictions included; the caller types the prototype's name to confirm. */
  delete: workspaceProcedure("prototype.write")
    .input(ZPrototypeRef.extend({ confirmName: z.string().max(INPUT_MAX.confirmName) }))
    .mutation(({ ctx, input }) => deletePrototype(ctx.db, { ...input, workspaceId: ctx.workspace.id, actorId: ctx.user.id })),
  addClass: workspaceProcedure("prototype.write")
    .input(ZPrototypeRef.extend({ name: z.string().max(INPUT_MAX.className) }))
    .mutation(({ ctx, input }) => addClass(ctx.db, { ...input, workspaceId: ctx.workspace.id })),
  renameClass: workspaceProcedure("prototype.write")
    .input(ZPrototypeRef.extend({ classId: ZId, name: z.string().max(INPUT_MAX.className) }))
    .mutation(({ ctx, input }) => renameClass(ctx.db, { ...input, workspaceId: ctx.workspace.id })),
  mergeClasses: workspaceProcedure("prototype.write")
    .input(ZPrototypeRef.extend({ sourceId: ZId, targetId: ZId }))
    .mutation(({ ctx, input }) => mergeClasses(ctx.db, { ...input, workspaceId: ctx.workspace.id })),
  deleteClass: workspaceProcedure("prototype.write")
    .input(ZPrototypeRef.extend({ classId: ZId }))
    .mutation(({ ctx, input }) => deleteClass(ctx.db, { ...input, workspaceId: ctx.workspace.id })),
  images: workspaceProcedure("prototype.read")
    .input(ZPrototypeRef.extend({ classId: ZId.optional(), cursor: ZId.optional(), limit: z.number().int().min(1).max(100).optional() }))
    .query(({ ctx, input }) => listImages(ctx.db, { ...input, workspaceId: ctx.workspace.id })),
  relabelImages: workspaceProcedure("prototype.write")
    .input(ZPrototypeRef.extend({ imageIds: z.array(ZId).min(1).max(500), classId: ZId }))
    .mutation(({ ctx, input }) => relabelImages(ctx.db, { ...input, workspaceId: ctx.workspace.id })),
  deleteImages: workspaceProcedure("prototype.write")
    .input(ZPrototypeRef.extend({ imageIds: z.array(ZId).min(1).max(500) }))
    .mutation(({ ctx, input }) => deleteImages(ctx.db, { ...input, workspaceId: ctx.workspace.id })),
});
