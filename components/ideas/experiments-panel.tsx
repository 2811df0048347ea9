"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Alert, Badge, Card, CardTitle } from "@/components/ui/card";
import { isEditConflict, useErrorMessage } from "@/components/ui/errors";
import { Field, Input, Textarea } from "@/components/ui/field";
import { ExperimentPlanForm } from "./experiment-plan-form";
import { CardTerms, ConflictChoice, EditDeleteButtons, SubmitCancelButtons } from "./item-controls";
import type { ExperimentView, IdeaReportData } from "./types";
import { INPUT_MAX } from "@/server/input-limits";

const TEST_CARD = ["believe", "verify", "measure", "rightIf"] as const;
const LEARNING_CARD = ["observed", "learned", "therefore"] as const;
const OUTCOME_TONE = { passed: "good", failed: "bad", pending: "neutral" } as const;
const pct = (x: number | null) => (x === null ? "—" : (Math.round(x * 1000) / 10).toString());

/** Experiments per assumption: the plan (Test Card), the live or recorded result, and the Learning Card. */
export function ExperimentsPanel({ ideaId, report, onChanged }: { ideaId: string; report: IdeaReportData; onChanged: () => void }) {
  const t = useTranslations("ideas.experiments");
  const ws = useWorkspace();
  const [planning, setPlanning] = useState(false);
  const statementOf = new Map(report.assumptions.map((a) => [a.id, a.statement]));
  return (
    <Card data-testid="experiments">
      <CardTitle>{t("title")}</CardTitle>
      <p className="mt-1 text-sm text-fg-muted">{t("help")}</p>
      <ul className="mt-4 space-y-3" data-testid="experiment-list">
        {report.experiments.length === 0 && <li className="text-sm text-fg-muted">{t("empty")}</li>}
        {report.experiments.map((e) => (
          <ExperimentItem key={e.id} ideaId={ideaId} e={e} statement={statementOf.get(e.assumptionId) ?? ""} onChanged={onChanged} />
        ))}
      </ul>
      {ws.can("idea.write") &&
        report.assumptions.length > 0 &&
        (planning ? (
          <ExperimentPlanForm
            ideaId={ideaId}
            report={report}
            onDone={() => (setPlanning(false), onChanged())}
            onCancel={() => setPlanning(false)}
          />
        ) : (
          <Button className="no-print mt-3" size="sm" variant="secondary" onClick={() => setPlanning(true)}>
            {t("plan")}
          </Button>
        ))}
    </Card>
  );
}

function ExperimentItem({
  ideaId,
  e,
  statement,
  onChanged,
}: {
  ideaId: string;
  e: ExperimentView;
  statement: string;
  onChanged: () => void;
}) {
  const t = useTranslations("ideas.experiments");
  const format = useFormatter();
  const ws = useWorkspace();
  const trpc = useTRPC();
  const [recording, setRecording] = useState<{ base: Date } | null>(null);
  const del = useMutation(trpc.ideas.deleteExperiment.mutationOptions({ onSuccess: onChanged }));
  const r = e.result;
  const target =
    e.kind === "prototype"
      ? t("target", {
          threshold: pct(e.threshold),
          metric: e.prototypeMetric ? t(`prototypeMetric.${e.prototypeMetric}`) : "",
          cls: e.targetClass ?? "none",
          min: e.minSamples ?? 0,
        })
      : t("manualTarget", { metric: e.metric, threshold: format.number(e.threshold) });
  return (
    <li className="rounded-md border border-border p-3 text-sm print:break-inside-avoid" data-testid="experiment" data-outcome={r.outcome}>
      <div className="flex flex-wrap items-center gap-2">
        <Badge>{t(`kind.${e.kind}`)}</Badge>
        <Badge tone={OUTCOME_TONE[r.outcome]} data-testid="experiment-outcome">
          {t(`outcome.${r.outcome}`)}
        </Badge>
        {e.deadline && (
          <span className="text-xs text-fg-subtle">{t("due", { date: format.dateTime(e.deadline, { dateStyle: "medium" }) })}</span>
        )}
      </div>
      <p className="mt-2 text-xs text-fg-subtle">“{statement}”</p>
      <p className="mt-1 font-medium">
        {e.prototypeName ? `${e.prototypeName}: ` : ""}
        {target}
      </p>
      {r.interval && r.interval.n > 0 && r.run && (
        <p className="mt-1 tabular-nums" data-testid="experiment-measured">
          {t("measured", {
            estimate: pct(r.interval.estimate),
            successes: r.interval.successes,
            n: r.interval.n,
            low: pct(r.interval.low),
            high: pct(r.interval.high),
            version: r.run.version,
            heldOut: r.run.heldOut,
          })}
          {r.interval.rough && <span className="ml-1 text-amber-700 dark:text-amber-300">({t("rough")})</span>}
        </p>
      )}
      {e.kind !== "prototype" && e.resultValue !== null && <p className="mt-1">{t("recorded", { value: format.number(e.resultValue) })}</p>}
      {r.why && <p className="mt-1 text-xs text-fg-muted">{t(`why.${r.why}`)}</p>}
      <CardTerms keys={TEST_CARD} values={e} label={(k) => t(k)} className="mt-2 grid grid-cols-1 gap-1 text-xs sm:grid-cols-2" />
      {(e.observed || e.learned || e.therefore || e.resultNotes) && (
        <div className="mt-2 rounded bg-muted p-2 text-xs" data-testid="learning-card">
          <CardTerms keys={LEARNING_CARD} values={e} label={(k) => t(k)} className="grid grid-cols-1 gap-1 sm:grid-cols-3" />
          {/* Outside the <dl>: a list of terms may only hold term/description pairs. */}
          {e.resultNotes && <p className="mt-1">{e.resultNotes}</p>}
        </div>
      )}
      {ws.can("idea.write") && !recording && (
        <EditDeleteButtons
          editLabel={t("record")}
          onEdit={() => setRecording({ base: e.updatedAt })}
          deleteLabel={t("delete")}
          deleteConfirm={t("deleteConfirm")}
          deletePending={del.isPending}
          onDelete={() => del.mutate({ workspaceId: ws.id, ideaId, experimentId: e.id })}
        />
      )}
      {recording && (
        <LearningForm
          ideaId={ideaId}
          e={e}
          base={recording.base}
          onDone={() => (setRecording(null), onChanged())}
          onCancel={() => setRecording(null)}
        />
      )}
    </li>
  );
}

function LearningForm({
  ideaId,
  e,
  base,
  onDone,
  onCancel,
}: {
  ideaId: string;
  e: ExperimentView;
  base: Date;
  onDone: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations("ideas.experiments");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const errorMessage = useErrorMessage("ideas.errors");
  const [f, setF] = useState({
    resultValue: e.resultValue === null ? "" : String(e.resultValue),
    resultNotes: e.resultNotes,
    observed: e.observed,
    learned: e.learned,
    therefore: e.therefore,
  });
  const record = useMutation(trpc.ideas.recordLearning.mutationOptions({ onSuccess: onDone }));
  const learning = (withBase: boolean) => ({
    experimentId: e.id,
    resultValue: e.kind === "prototype" || f.resultValue === "" ? null : Number(f.resultValue),
    resultNotes: f.resultNotes,
    observed: f.observed,
    learned: f.learned,
    therefore: f.therefore,
    ...(withBase ? { baseUpdatedAt: base } : {}),
  });
  return (
    <form
      className="no-print mt-3 space-y-3"
      data-testid="learning-form"
      onSubmit={(ev) => {
        ev.preventDefault();
        record.mutate({ workspaceId: ws.id, ideaId, learning: learning(true) });
      }}
    >
      <p className="text-xs font-medium text-fg-muted">{t("learning")}</p>
      {e.kind !== "prototype" && (
        <Field label={`${t("resultValue")} (${e.metric})`}>
          {(p) => (
            <Input
              {...p}
              type="number"
              step="any"
              required
              value={f.resultValue}
              onChange={(ev) => setF({ ...f, resultValue: ev.target.value })}
            />
          )}
        </Field>
      )}
      {(["observed", "learned", "therefore", "resultNotes"] as const).map((k) => (
        <Field key={k} label={t(k)}>
          {(p) => (
            <Textarea {...p} rows={2} maxLength={INPUT_MAX.testCard} value={f[k]} onChange={(ev) => setF({ ...f, [k]: ev.target.value })} />
          )}
        </Field>
      ))}
      {record.error && !isEditConflict(record.error) ? <Alert>{errorMessage(record.error)}</Alert> : null}
      {isEditConflict(record.error) && (
        <>
          <Alert>{errorMessage(record.error)}</Alert>
          <ConflictChoice onMine={() => record.mutate({ workspaceId: ws.id, ideaId, learning: learning(false) })} onTheirs={onDone} />
        </>
      )}
      <SubmitCancelButtons submitLabel={t("record")} cancelLabel={t("cancel")} pending={record.isPending} onCancel={onCancel} />
    </form>
  );
}
