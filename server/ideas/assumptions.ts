import { z } from "zod";
import { INPUT_MAX } from "@/server/input-limits";
import type { Db } from "@/server/db";
import { editConflict, unchangedSince } from "@/server/edits";
import { DomainError, found } from "@/server/errors";
import { getIdea } from "./ideas";
import { recordVerdictChange } from "./history";

export const ZAssumptionFields = z.object({
  kind: z.enum(["desirability", "feasibility", "viability", "team"]),
  statement: z.string().trim().min(3, { error: "Use at least 3 characters" }).max(INPUT_MAX.assumptionStatement),
  importance: z.enum(["critical", "high", "low"]),
  evidence: z.enum(["none", "weak", "moderate", "strong"]).default("none"),
});
export type AssumptionFields = z.infer<typeof ZAssumptionFields>;
export const ZOrigin = z
  .string()
  .regex(/^(base|factor|gap):[A-Za-z_]{1,40}$/)
  .nullable()
  .default(null);

type Scope = { workspaceId: string; userId: string; ideaId: string };

export async function getAssumption(
  db: Db,
  { workspaceId, ideaId, assumptionId }: { workspaceId: string; ideaId: string; assumptionId: string },
) {
  return found(
    await db.ideaAssumption.findFirst({
      where: { id: assumptionId, ideaId, workspaceId },
      select: { id: true, statement: true, updatedAt: true },
    }),
    "Assumption",
  );
}

export async function createAssumption(db: Db, scope: Scope & { fields: AssumptionFields; origin: string | null }) {
  const { workspaceId, ideaId, fields, origin } = scope;
  await getIdea(db, { workspaceId, ideaId });
  try {
    const row = await db.ideaAssumption.create({ data: { workspaceId, ideaId, origin, ...fields }, select: { id: true } });
    await recordVerdictChange(db, { ...scope, cause: "assumption", detail: fields.statement });
    return row;
  } catch (e) {
    if ((e as { code?: string }).code === "P2002")
      throw new DomainError("CONFLICT", "proposalTaken", "This proposed assumption was already accepted");
    throw e;
  }
}

export async function updateAssumption(db: Db, scope: Scope & { assumptionId: string; fields: AssumptionFields; baseUpdatedAt?: Date }) {
  const { workspaceId, ideaId, assumptionId, fields, baseUpdatedAt } = scope;
  await getAssumption(db, scope);
  const res = await db.ideaAssumption.updateMany({
    where: { id: assumptionId, ideaId, workspaceId, ...unchangedSince(baseUpdatedAt) },
    data: fields,
  });
  if (res.count === 0) {
    await getAssumption(db, scope);
    throw editConflict("assumption");
  }
  await recordVerdictChange(db, { ...scope, cause: "assumption", detail: fields.statement });
}

export async function deleteAssumption(db: Db, scope: Scope & { assumptionId: string }) {
  const a = await getAssumption(db, scope);
  await db.ideaAssumption.deleteMany({ where: { id: scope.assumptionId, ideaId: scope.ideaId, workspaceId: scope.workspaceId } });
  await recordVerdictChange(db, { ...scope, cause: "assumption", detail: a.statement });
}
