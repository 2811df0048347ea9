import { wilsonInterval, type ProportionInterval } from "@/ml/metrics/interval";
import type { DbTx } from "@/server/db";
import { getPrototypeOrThrow } from "./prototypes";
import { runEvidence } from "./run-evidence";
import { readRunJson, ZRunMetrics } from "./run-json";

/**
 * Accuracy in the field, from reviewed random samples only: they were chosen when kept, whatever
 * the model answered, so they estimate accuracy on what customers really send (the unsure answers
 * the inbox puts first would make it look worse than it is). Correct = confirmed; corrected and
 * "none of these" are wrong; discarded samples do not count.
 */
export interface FieldAccuracy {
  overall: ProportionInterval;
  /** Per true class (the reviewer's answer); "none of these" is its own row with label null. */
  perClass: Array<{ label: string | null; accuracy: ProportionInterval }>;
  /** Per calendar week (Monday, UTC) of the prediction. */
  overTime: Array<{ weekStart: string; accuracy: ProportionInterval }>;
  /** Per run that answered: field against lab (the run's held-out test accuracy) on the same run. */
  perRun: Array<{ version: number; field: ProportionInterval; lab: ProportionInterval | null; drop: boolean }>;
  /** The latest run with reviewed samples shows a drop: its field interval lies entirely below its lab interval. */
  drop: { version: number; field: ProportionInterval; lab: ProportionInterval } | null;
}

/** A drop is claimed only when the two 95 % intervals do not overlap. */
export function isDrop(field: ProportionInterval, lab: ProportionInterval | null): boolean {
  return lab !== null && field.high !== null && lab.low !== null && field.high < lab.low;
}

function weekStart(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

function tally<K>(rows: Array<{ key: K; correct: boolean }>): Map<K, { ok: number; n: number }> {
  const out = new Map<K, { ok: number; n: number }>();
  for (const row of rows) {
    const t = out.get(row.key) ?? { ok: 0, n: 0 };
    t.n++;
    if (row.correct) t.ok++;
    out.set(row.key, t);
  }
  return out;
}

export async function fieldAccuracy(db: DbTx, args: { workspaceId: string; prototypeId: string }): Promise<FieldAccuracy> {
  const prototype = await getPrototypeOrThrow(db, args);
  const samples = await db.keptPrediction.findMany({
    where: {
      workspaceId: args.workspaceId,
      prototypeId: prototype.id,
      sampled: true,
      status: { in: ["CONFIRMED", "CORRECTED", "NONE_OF_THESE"] },
    },
    select: { status: true, reviewedLabel: true, runId: true, runVersion: true, createdAt: true },
  });
  const judged = samples.map((s) => ({ ...s, correct: s.status === "CONFIRMED" }));
  const overall = wilsonInterval(judged.filter((s) => s.correct).length, judged.length);
  const perClass = [...tally(judged.map((s) => ({ key: s.reviewedLabel, correct: s.correct }))).entries()]
    .map(([label, t]) => ({ label, accuracy: wilsonInterval(t.ok, t.n) }))
    .sort((a, b) => (a.label ?? "\uffff").localeCompare(b.label ?? "\uffff"));
  const overTime = [...tally(judged.map((s) => ({ key: weekStart(s.createdAt), correct: s.correct }))).entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([week, t]) => ({ weekStart: week, accuracy: wilsonInterval(t.ok, t.n) }));

  const runIds = [...new Set(judged.map((s) => s.runId))];
  const runs = await db.trainingRun.findMany({
    where: { workspaceId: args.workspaceId, prototypeId: prototype.id, id: { in: runIds } },
    select: { id: true, version: true, metrics: true },
  });
  const labById = new Map(
    runs.map((r) => {
      const metrics = readRunJson(ZRunMetrics, r.metrics);
      return [r.id, metrics ? runEvidence(metrics).accuracy : null] as const;
    }),
  );
  const perRunTally = tally(judged.map((s) => ({ key: `${s.runVersion}\u0000${s.runId}`, correct: s.correct })));
  const perRun = [...perRunTally.entries()]
    .map(([key, t]) => {
      const [version, runId] = key.split("\u0000") as [string, string];
      const field = wilsonInterval(t.ok, t.n);
      const lab = labById.get(runId) ?? null;
      return { version: Number(version), field, lab, drop: isDrop(field, lab) };
    })
    .sort((a, b) => a.version - b.version);
  const latest = perRun.at(-1);
  return {
    overall,
    perClass,
    overTime,
    perRun,
    drop: latest && latest.drop && latest.lab ? { version: latest.version, field: latest.field, lab: latest.lab } : null,
  };
}
