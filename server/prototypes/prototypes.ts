import { z } from "zod";
import { INPUT_MAX } from "@/server/input-limits";
import { ZId } from "@/server/schemas";
import type { DbTx } from "@/server/db";
import { DomainError, found } from "@/server/errors";
import { runEvidence } from "./run-evidence";
import { readRunJson, ZRunMetrics } from "./run-json";

export const ZClassName = z.string().trim().min(1, { error: "Give the class a name" }).max(INPUT_MAX.className);
export const ZCreatePrototypeInput = z.object({
  name: z.string().trim().min(1, { error: "Give the prototype a name" }).max(INPUT_MAX.prototypeName),
  question: z.string().trim().max(INPUT_MAX.prototypeQuestion).default(""),
  classes: z
    .array(ZClassName)
    .min(2, { error: "A classifier needs at least two classes" })
    .max(50)
    .refine((names) => new Set(names.map((n) => n.toLowerCase())).size === names.length, {
      error: "Class names must differ",
      params: { reason: "classNamesDiffer" },
    }),
});
export const ZUpdatePrototypeInput = z.object({
  prototypeId: ZId,
  name: z.string().trim().min(1).max(INPUT_MAX.prototypeName).optional(),
  question: z.string().trim().max(INPUT_MAX.prototypeQuestion).optional(),
});

/** Tenant-scoped loader: a prototype of another workspace answers "not found". */
export async function getPrototypeOrThrow(db: DbTx, args: { workspaceId: string; prototypeId: string }) {
  return found(
    await db.prototype.findFirst({
      where: { id: args.prototypeId, workspaceId: args.workspaceId },
      select: { id: true, name: true, question: true, archivedAt: true, createdAt: true, updatedAt: true },
    }),
    "Prototype",
  );
}

export async function createPrototype(db: DbTx, args: { workspaceId: string; userId: string } & z.input<typeof ZCreatePrototypeInput>) {
  const input = ZCreatePrototypeInput.parse(args);
  return db.prototype.create({
    data: {
      workspaceId: args.workspaceId,
      name: input.name,
      question: input.question,
      createdById: args.userId,
      classes: { create: input.classes.map((name, position) => ({ workspaceId: args.workspaceId, name, position })) },
    },
    select: { id: true, name: true },
  });
}

export async function listPrototypes(db: DbTx, args: { workspaceId: string; includeArchived?: boolean }) {
  const rows = await db.prototype.findMany({
    where: { workspaceId: args.workspaceId, ...(args.includeArchived ? {} : { archivedAt: null }) },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      question: true,
      archivedAt: true,
      createdAt: true,
      _count: { select: { classes: true, images: true, runs: true } },
      runs: { orderBy: { version: "desc" }, take: 1, select: { version: true, status: true, metrics: true } },
    },
  });
  return rows.map(({ _count, runs, ...row }) => {
    const latest = runs[0];
    const metrics = readRunJson(ZRunMetrics, latest?.metrics);
    return {
      ...row,
      classCount: _count.classes,
      imageCount: _count.images,
      runCount: _count.runs,
      latestRun: latest
        ? {
            version: latest.version,
            status: latest.status,
            accuracy: metrics?.accuracy ?? null,
            evidence: metrics ? runEvidence(metrics) : null,
          }
        : null,
    };
  });
}

export async function getPrototype(db: DbTx, args: { workspaceId: string; prototypeId: string }) {
  const prototype = await getPrototypeOrThrow(db, args);
  const classes = await db.prototypeClass.findMany({
    where: { workspaceId: args.workspaceId, prototypeId: prototype.id },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, name: true, position: true, _count: { select: { images: true } } },
  });
  return { ...prototype, classes: classes.map(({ _count, ...c }) => ({ ...c, imageCount: _count.images })) };
}

export async function updatePrototype(db: DbTx, args: { workspaceId: string } & z.infer<typeof ZUpdatePrototypeInput>) {
  const prototype = await getPrototypeOrThrow(db, args);
  return db.prototype.update({
    where: { id: prototype.id },
    data: { ...(args.name !== undefined ? { name: args.name } : {}), ...(args.question !== undefined ? { question: args.question } : {}) },
    select: { id: true, name: true, question: true },
  });
}

export async function setArchived(db: DbTx, args: { workspaceId: string; prototypeId: string; archived: boolean }) {
  const prototype = await getPrototypeOrThrow(db, args);
  return db.prototype.update({
    where: { id: prototype.id },
    data: { archivedAt: args.archived ? new Date() : null },
    select: { id: true, archivedAt: true },
  });
}

export function assertNotArchived(prototype: { archivedAt: Date | null }) {
  if (prototype.archivedAt) throw new DomainError("PRECONDITION_FAILED", "archived", "This prototype is archived: restore it first");
}
