import { z } from "zod";
import { INPUT_MAX } from "@/server/input-limits";
import type { Db } from "@/server/db";
import { editConflict } from "@/server/edits";
import { getIdea } from "./ideas";
import { recordVerdictChange } from "./history";

const money = z.number().finite().min(0).max(1e12);
const note = z.string().trim().max(INPUT_MAX.economicsSource).default("");

/** Where each input came from: a quote, an invoice, an interview, a guess. Stored as JSON beside the row. */
export const ZEconomicsSources = z.object({
  pricePerUnit: note,
  unitsPerMonth: note,
  otherCostPerUnit: note,
  predictionsPerUnit: note,
  machinePricePerHour: note,
  latencyMsOverride: note,
  buildCost: note,
});

export const ZEconomicsFields = z.object({
  unitLabel: z.string().trim().max(INPUT_MAX.unitLabel).default(""),
  pricePerUnit: money,
  unitsPerMonth: money,
  otherCostPerUnit: money.default(0),
  predictionsPerUnit: money.default(1),
  machinePricePerHour: money.default(0),
  latencyMsOverride: z.number().finite().positive().max(1e7).nullable().default(null),
  buildCost: money.default(0),
  sources: ZEconomicsSources.default(ZEconomicsSources.parse({})),
});
export type EconomicsFields = z.infer<typeof ZEconomicsFields>;

const SELECT = {
  unitLabel: true,
  pricePerUnit: true,
  unitsPerMonth: true,
  otherCostPerUnit: true,
  predictionsPerUnit: true,
  machinePricePerHour: true,
  latencyMsOverride: true,
  measuredLatencyMs: true,
  measuredLatencyNote: true,
  buildCost: true,
  sources: true,
  updatedAt: true,
} as const;

/** Each idea's economics inputs, by idea id (ideas without economics are absent). */
export async function economicsByIdea(db: Db, { workspaceId, ideaIds }: { workspaceId: string; ideaIds: readonly string[] }) {
  const rows = await db.ideaEconomics.findMany({
    where: { ideaId: { in: [...ideaIds] }, workspaceId },
    select: { ...SELECT, ideaId: true },
  });
  return new Map(
    rows.map(({ ideaId, ...row }) => {
      const sources = ZEconomicsSources.safeParse(row.sources);
      return [ideaId, { ...row, sources: sources.success ? sources.data : ZEconomicsSources.parse({}) }] as const;
    }),
  );
}

/**
 * Saves the economics. With `baseUpdatedAt` (the version the editor opened) the write only lands
 * if nobody saved since — the same rule as the idea itself (server/edits.ts); `null` means the
 * editor saw no economics yet, so a teammate's first save in between is a conflict too.
 */
export async function saveEconomics(
  db: Db,
  scope: { workspaceId: string; userId: string; ideaId: string; fields: EconomicsFields; baseUpdatedAt?: Date | null },
) {
  const { workspaceId, ideaId, fields, baseUpdatedAt } = scope;
  await getIdea(db, { workspaceId, ideaId });
  if (baseUpdatedAt === null) {
    try {
      await db.ideaEconomics.create({ data: { workspaceId, ideaId, ...fields } });
    } catch (e) {
      if ((e as { code?: string }).code === "P2002") throw editConflict("economics");
      throw e;
    }
  } else {
    const where = { ideaId, workspaceId, ...(baseUpdatedAt ? { updatedAt: baseUpdatedAt } : {}) };
    const res = await db.ideaEconomics.updateMany({ where, data: fields });
    if (res.count === 0) {
      if (baseUpdatedAt) throw editConflict("economics");
      await db.ideaEconomics.create({ data: { workspaceId, ideaId, ...fields } });
    }
  }
  await recordVerdictChange(db, { ...scope, cause: "economics", detail: "" });
}
