"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Alert } from "@/components/ui/card";
import { useFieldErrors, useErrorMessage } from "@/components/ui/errors";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { SubmitCancelButtons } from "./item-controls";
import type { IdeaReportData } from "./types";
import { INPUT_MAX } from "@/server/input-limits";

const KINDS = ["prototype", "interviews", "landing_page", "pre_orders", "pilot"] as const;
const METRICS = ["recall", "precision", "accuracy"] as const;
/** The plan's fields that show their own error; any other refusal shows as one sentence at the foot. */
const FIELD_PATHS = ["plan.prototypeId", "plan.targetClass", "plan.threshold", "plan.metric"];

/** The Test Card: what we believe, how we test it, what we measure and the pass criterion, fixed before the test runs. */
export function ExperimentPlanForm({
  ideaId,
  report,
  onDone,
  onCancel,
}: {
  ideaId: string;
  report: IdeaReportData;
  onDone: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations("ideas.experiments");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const errorMessage = useErrorMessage("ideas.errors");
  const fieldErrors = useFieldErrors();
  const options = useQuery({ ...trpc.ideas.options.queryOptions({ workspaceId: ws.id }), refetchOnMount: "always" });
  const [f, setF] = useState({
    assumptionId: report.nextAssumptionId ?? report.assumptions[0]?.id ?? "",
    kind: "prototype" as (typeof KINDS)[number],
    believe: "",
    verify: "",
    measure: "",
    rightIf: "",
    metric: "",
    prototypeId: "",
    prototypeMetric: "recall" as (typeof METRICS)[number],
    targetClass: "",
    thresholdPct: "90",
    threshold: "",
    minSamples: "50",
    deadline: "",
  });
  const proto = useQuery({
    ...trpc.prototypes.get.queryOptions({ workspaceId: ws.id, prototypeId: f.prototypeId }),
    enabled: f.kind === "prototype" && f.prototypeId !== "",
  });
  const plan = useMutation(trpc.ideas.planExperiment.mutationOptions({ onSuccess: onDone }));
  const errs = fieldErrors(plan.error);
  const isProto = f.kind === "prototype";
  const set = (patch: Partial<typeof f>) => setF({ ...f, ...patch });

  return (
    <form
      className="no-print mt-3 space-y-3 rounded-md border border-border p-3"
      data-testid="experiment-plan"
      onSubmit={(e) => {
        e.preventDefault();
        plan.mutate({
          workspaceId: ws.id,
          ideaId,
          plan: {
            assumptionId: f.assumptionId,
            kind: f.kind,
            believe: f.believe,
            verify: f.verify,
            measure: f.measure,
            rightIf: f.rightIf,
            metric: isProto ? "" : f.metric,
            prototypeId: isProto ? f.prototypeId || null : null,
            prototypeMetric: isProto ? f.prototypeMetric : null,
            targetClass: isProto && f.prototypeMetric !== "accuracy" ? f.targetClass || null : null,
            threshold: isProto ? Number(f.thresholdPct) / 100 : Number(f.threshold),
            minSamples: isProto ? Number(f.minSamples) : null,
            deadline: f.deadline ? new Date(`${f.deadline}T23:59:59Z`) : null,
          },
        });
      }}
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field label={t("assumption")}>
          {(p) => (
            <Select {...p} required value={f.assumptionId} onChange={(e) => set({ assumptionId: e.target.value })}>
              {report.assumptions.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.statement}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("kindLabel")}>
          {(p) => (
            <Select {...p} value={f.kind} onChange={(e) => set({ kind: e.target.value as (typeof KINDS)[number] })}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      {(["believe", "verify", "measure", "rightIf"] as const).map((k) => (
        <Field key={k} label={t(k)}>
          {(p) => <Textarea {...p} rows={2} maxLength={INPUT_MAX.testCard} value={f[k]} onChange={(e) => set({ [k]: e.target.value })} />}
        </Field>
      ))}
      {isProto ? (
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <Field label={t("prototype")} error={errs["plan.prototypeId"]}>
            {(p) => (
              <Select {...p} required value={f.prototypeId} onChange={(e) => set({ prototypeId: e.target.value, targetClass: "" })}>
                <option value="">{t("choose")}</option>
                {options.data?.prototypes.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t("prototypeMetricLabel")}>
            {(p) => (
              <Select
                {...p}
                value={f.prototypeMetric}
                onChange={(e) => set({ prototypeMetric: e.target.value as (typeof METRICS)[number] })}
              >
                {METRICS.map((m) => (
                  <option key={m} value={m}>
                    {t(`prototypeMetric.${m}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          {f.prototypeMetric !== "accuracy" && (
            <Field label={t("targetClass")} error={errs["plan.targetClass"]}>
              {(p) => (
                <Select {...p} required value={f.targetClass} onChange={(e) => set({ targetClass: e.target.value })}>
                  <option value="">{t("choose")}</option>
                  {proto.data?.classes.map((c) => (
                    <option key={c.id} value={c.name}>
                      {c.name}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          )}
          <Field label={t("thresholdPct")} error={errs["plan.threshold"]}>
            {(p) => (
              <Input
                {...p}
                type="number"
                required
                min={1}
                max={99.9}
                step="0.1"
                value={f.thresholdPct}
                onChange={(e) => set({ thresholdPct: e.target.value })}
              />
            )}
          </Field>
          <Field label={t("minSamples")}>
            {(p) => (
              <Input
                {...p}
                type="number"
                required
                min={1}
                step="1"
                value={f.minSamples}
                onChange={(e) => set({ minSamples: e.target.value })}
              />
            )}
          </Field>
        </div>
      ) : (
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <Field label={t("metric")} error={errs["plan.metric"]}>
            {(p) => (
              <Input
                {...p}
                required
                maxLength={INPUT_MAX.experimentMetric}
                value={f.metric}
                onChange={(e) => set({ metric: e.target.value })}
              />
            )}
          </Field>
          <Field label={t("threshold")} error={errs["plan.threshold"]}>
            {(p) => (
              <Input
                {...p}
                type="number"
                required
                min={0}
                step="any"
                value={f.threshold}
                onChange={(e) => set({ threshold: e.target.value })}
              />
            )}
          </Field>
        </div>
      )}
      <Field label={t("deadline")}>
        {(p) => <Input {...p} type="date" value={f.deadline} onChange={(e) => set({ deadline: e.target.value })} />}
      </Field>
      {/* Field errors sit under their fields (the plan's paths: "plan.metric"); anything else here. */}
      {plan.error && !FIELD_PATHS.some((path) => errs[path]) ? <Alert>{errorMessage(plan.error)}</Alert> : null}
      <SubmitCancelButtons submitLabel={t("save")} cancelLabel={t("cancel")} pending={plan.isPending} onCancel={onCancel} />
    </form>
  );
}
