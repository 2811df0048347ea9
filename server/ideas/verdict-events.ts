import { z } from "zod";
import type { Db } from "@/server/db";

/** Written by appendVerdict below, parsed on read. */
const ZVerdict = z.enum(["go", "validate", "park", "noEvidence"]);
const ZCause = z.enum(["created", "idea", "assumption", "experiment", "economics", "evidence", "run"]);

export type VerdictCause = z.infer<typeof ZCause>;

export interface VerdictEvent {
  workspaceId: string;
  ideaId: string;
  verdict: string;
  cause: VerdictCause;
  detail: string;
  runKey: string;
}

const LAST = { seq: true, verdict: true, runKey: true } as const;
type LastVerdict = { seq: number; verdict: string; runKey: string } | null;

/**
 * Appends the idea's verdict to its history when it differs from the last one kept. `seq` is
 * unique per idea, so two requests noticing the same change at once keep one entry, not two.
 */
export async function appendVerdict(db: Db, event: VerdictEvent) {
  const last = await db.ideaVerdictEvent.findFirst({
    where: { ideaId: event.ideaId, workspaceId: event.workspaceId },
    orderBy: { seq: "desc" },
    select: LAST,
  });
  await appendAfter(db, last, event);
}

/** appendVerdict for several ideas of one workspace: their last verdicts read in one statement. */
export async function appendVerdicts(
  db: Db,
  { workspaceId, events }: { workspaceId: string; events: readonly Omit<VerdictEvent, "workspaceId">[] },
) {
  if (events.length === 0) return;
  const rows = await db.ideaVerdictEvent.findMany({
    where: { ideaId: { in: events.map((e) => e.ideaId) }, workspaceId },
    orderBy: [{ ideaId: "asc" }, { seq: "desc" }],
    distinct: ["ideaId"],
    select: { ...LAST, ideaId: true },
  });
  const last = new Map(rows.map(({ ideaId, ...row }) => [ideaId, row]));
  await Promise.all(events.map((event) => appendAfter(db, last.get(event.ideaId) ?? null, { ...event, workspaceId })));
}

async function appendAfter(db: Db, last: LastVerdict, { workspaceId, ideaId, verdict, cause, detail, runKey }: VerdictEvent) {
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
