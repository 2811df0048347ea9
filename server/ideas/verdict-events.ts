import { z } from "zod";
import type { Db } from "@/server/db";

/** Written by appendVerdict below, parsed on read. */
const ZVerdict = z.enum(["go", "validate", "park", "noEvidence"]);
const ZCause = z.enum(["created", "idea", "assumption", "experiment", "economics", "evidence", "run"]);

export type VerdictCause = z.infer<typeof ZCause>;

/**
 * Appends the idea's verdict to its history when it differs from the last one kept. `seq` is
 * unique per idea, so two requests noticing the same change at once keep one entry, not two.
 */
export async function appendVerdict(
  db: Db,
  {
    workspaceId,
    ideaId,
    verdict,
    cause,
    detail,
    runKey,
  }: { workspaceId: string; ideaId: string; verdict: string; cause: VerdictCause; detail: string; runKey: string },
) {
  const last = await db.ideaVerdictEvent.findFirst({
    where: { ideaId, workspaceId },
    orderBy: { seq: "desc" },
    select: { seq: true, verdict: true, runKey: true },
  });
  if (last && last.verdict === verdict) {
    if (last.runKey !== runKey) await db.ideaVerdictEvent.updateMany({ where: { ideaId, workspaceId, seq: last.seq }, data: { runKey } });
    return;
  }
  // A change nobody in this idea made (read on the report) came from a new run when the runs differ.
  const why: VerdictCause = !last ? "created" : cause === "evidence" && last.runKey !== runKey ? "run" : cause;
  try {
    await db.ideaVerdictEvent.create({
      data: { workspaceId, ideaId, seq: (last?.seq ?? 0) + 1, verdict, cause: why, detail: detail.slice(0, 300), runKey },
    });
  } catch (e) {
    if ((e as { code?: string }).code !== "P2002") throw e;
  }
}

export async function verdictHistory(db: Db, { workspaceId, ideaId }: { workspaceId: string; ideaId: string }) {
  const rows = await db.ideaVerdictEvent.findMany({
    where: { ideaId, workspaceId },
    orderBy: { seq: "asc" },
    select: { seq: true, verdict: true, cause: true, detail: true, createdAt: true },
  });
  return rows.map((r) => ({ ...r, verdict: ZVerdict.parse(r.verdict), cause: ZCause.catch("evidence").parse(r.cause) }));
}
