"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { DEFAULT_TRAIN_SETTINGS, TRAIN_SETTING_BOUNDS } from "@/ml/train/settings";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/react";
import { Button } from "@/components/ui/button";
import { Alert, Card, CardTitle } from "@/components/ui/card";
import { useFieldErrors, useErrorMessage } from "@/components/ui/errors";
import { Field, Input, Select } from "@/components/ui/field";
import { Curves } from "./curves";
import { AccuracyCell } from "./evidence";
import { TechnicalDetails, TechnicalRow } from "@/components/ui/technical-details";
import { StatusBadge, formatDuration, pct, useDeviceName, useModelName, type RunStatus, type RunSummary } from "./run-shared";

/**
 * Which model training builds on, in a founder's words, and what the fallback costs; where it
 * comes from, its licence and the compute engines sit under "Technical details".
 */
export function BackendNotice() {
  const t = useTranslations("prototypes.backend");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const modelName = useModelName();
  const deviceName = useDeviceName();
  const status = useQuery(trpc.runs.mlStatus.queryOptions({ workspaceId: ws.id }, { staleTime: 60_000 }));
  if (!status.data) return null;
  const { backend, backbone, inference, trainingWorkers } = status.data;
  const pretrained = backbone.status === "pretrained";
  return (
    <div className="space-y-2" data-testid="ml-status">
      {trainingWorkers?.live === 0 && (
        <Alert tone="error">
          <strong className="block">{t("noWorkersTitle")}</strong>
          {t("noWorkersBody")}
        </Alert>
      )}
      {pretrained ? (
        <Alert tone="info">{t("pretrained", { model: modelName(backbone.id, backbone.title) })}</Alert>
      ) : (
        <Alert tone="error">
          <strong className="block">{t("fallbackTitle")}</strong>
          {t("fallbackCost")}
        </Alert>
      )}
      <TechnicalDetails testId="ml-technical">
        <TechnicalRow label={t("modelLabel")}>
          {/* The model catalog's own name for it, quoted as is (not prose). */}
          <span translate="no">{backbone.title}</span>
        </TechnicalRow>
        <TechnicalRow label={t("sourceLabel")}>
          {!pretrained ? t("fallbackSource") : "bundled" in backbone && backbone.bundled ? t("bundledSource") : t("hubSource")}
        </TechnicalRow>
        {(!pretrained || ("bundled" in backbone && backbone.bundled)) && (
          <p>
            {t("upgrade")} <code className="rounded bg-muted px-1">npm run ml:fetch-backbone</code>
          </p>
        )}
        <TechnicalRow label={t("trainingLabel")}>
          {t("computedOn", { backend: backend.backend, device: deviceName(backend.backend, backend.device), threads: backend.threads })}
        </TechnicalRow>
        <p data-testid="inference-engine">
          <span className="text-fg-muted">{t("inferenceLabel")}: </span>
          {t("inferenceOn", { engine: inference.label })}
        </p>
      </TechnicalDetails>
    </div>
  );
}

const B = TRAIN_SETTING_BOUNDS;

export function TrainPanel({ prototypeId }: { prototypeId: string }) {
  const t = useTranslations("prototypes.train");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage("prototypes.runErrors");
  const fieldErrors = useFieldErrors();
  const [form, setForm] = useState({
    mode: DEFAULT_TRAIN_SETTINGS.mode,
    testPercent: Math.round(DEFAULT_TRAIN_SETTINGS.testShare * 100),
    epochs: DEFAULT_TRAIN_SETTINGS.epochs,
    batchSize: DEFAULT_TRAIN_SETTINGS.batchSize,
    learningRate: DEFAULT_TRAIN_SETTINGS.learningRate,
    validationPercent: Math.round(DEFAULT_TRAIN_SETTINGS.validationShare * 100),
    augment: DEFAULT_TRAIN_SETTINGS.augment,
    seed: DEFAULT_TRAIN_SETTINGS.seed,
  });
  const runs = useQuery({
    ...trpc.runs.list.queryOptions({ workspaceId: ws.id, prototypeId }),
    // Poll while something is queued or running; closing the page does not stop the run.
    refetchInterval: (query) => (query.state.data?.some((r) => r.status === "QUEUED" || r.status === "RUNNING") ? 1500 : false),
  });
  const runsKey = trpc.runs.list.queryKey({ workspaceId: ws.id, prototypeId });
  const start = useMutation(
    trpc.runs.start.mutationOptions({
      // The server's answer is the queued run: it takes the settings' place at once, without
      // waiting for the list to come back (which could still be on its way, or say nothing yet).
      onSuccess: (run) => {
        queryClient.setQueryData(runsKey, (old) => [run, ...(old ?? []).filter((r) => r.id !== run.id)]);
        return queryClient.invalidateQueries({ queryKey: runsKey });
      },
    }),
  );
  const cancel = useMutation(
    trpc.runs.cancel.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.runs.list.queryKey() }),
    }),
  );
  const active = runs.data?.find((r) => r.status === "QUEUED" || r.status === "RUNNING");
  const latest = runs.data?.[0];
  const errs = fieldErrors(start.error);
  const canTrain = ws.can("prototype.train");
  // Until the runs are known, a run in progress cannot be ruled out: starting then would queue a second one.
  const runsKnown = runs.data !== undefined;
  const waitReasonId = useId();
  const number = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [key]: Number(e.target.value) });

  return (
    <div className="space-y-6">
      <BackendNotice />
      {/* A run in progress takes the settings' place, so its progress shows where "Start training" was. */}
      {active ? (
        <LiveRun
          run={active}
          onCancel={() => cancel.mutate({ workspaceId: ws.id, runId: active.id })}
          cancelling={cancel.isPending || active.cancelRequested}
          canCancel={canTrain}
        />
      ) : (
        <Card>
          <CardTitle>{t("settings")}</CardTitle>
          <form
            className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-3"
            onSubmit={(e) => {
              e.preventDefault();
              start.mutate({
                workspaceId: ws.id,
                prototypeId,
                settings: {
                  mode: form.mode,
                  testShare: form.testPercent / 100,
                  epochs: form.epochs,
                  batchSize: form.batchSize,
                  learningRate: form.learningRate,
                  validationShare: form.validationPercent / 100,
                  augment: form.augment,
                  seed: form.seed,
                },
              });
            }}
          >
            <div className="sm:col-span-2">
              <Field
                label={t("mode")}
                hint={form.mode === "optimise" ? t("modeHintOptimise") : t("modeHintQuick")}
                error={errs["settings.mode"]}
              >
                {(p) => (
                  <Select
                    {...p}
                    value={form.mode}
                    data-testid="train-mode"
                    onChange={(e) => setForm({ ...form, mode: e.target.value === "quick" ? "quick" : "optimise" })}
                  >
                    <option value="optimise">{t("modeOptimise")}</option>
                    <option value="quick">{t("modeQuick")}</option>
                  </Select>
                )}
              </Field>
            </div>
            <Field label={t("testShare")} hint={t("testHint")} error={errs["settings.testShare"]}>
              {(p) => (
                <Input
                  {...p}
                  type="number"
                  min={B.testShare[0] * 100}
                  max={B.testShare[1] * 100}
                  required
                  value={form.testPercent}
                  onChange={number("testPercent")}
                />
              )}
            </Field>
            <Field label={t("epochs")} hint={t("epochsHint")} error={errs["settings.epochs"]}>
              {(p) => (
                <Input {...p} type="number" min={B.epochs[0]} max={B.epochs[1]} required value={form.epochs} onChange={number("epochs")} />
              )}
            </Field>
            <Field label={t("batchSize")} error={errs["settings.batchSize"]}>
              {(p) => (
                <Input
                  {...p}
                  type="number"
                  min={B.batchSize[0]}
                  max={B.batchSize[1]}
                  required
                  value={form.batchSize}
                  onChange={number("batchSize")}
                />
              )}
            </Field>
            <Field label={t("learningRate")} error={errs["settings.learningRate"]}>
              {(p) => (
                <Input
                  {...p}
                  type="number"
                  min={B.learningRate[0]}
                  max={B.learningRate[1]}
                  step="any"
                  required
                  value={form.learningRate}
                  onChange={number("learningRate")}
                />
              )}
            </Field>
            <Field label={t("validationShare")} hint={t("validationHint")} error={errs["settings.validationShare"]}>
              {(p) => (
                <Input
                  {...p}
                  type="number"
                  min={B.validationShare[0] * 100}
                  max={B.validationShare[1] * 100}
                  required
                  value={form.validationPercent}
                  onChange={number("validationPercent")}
                />
              )}
            </Field>
            <Field label={t("seed")} hint={t("seedHint")} error={errs["settings.seed"]}>
              {(p) => <Input {...p} type="number" min={B.seed[0]} max={B.seed[1]} required value={form.seed} onChange={number("seed")} />}
            </Field>
            <div className="flex items-end pb-2">
              <label className="flex items-center gap-2 text-sm text-fg">
                <input type="checkbox" checked={form.augment} onChange={(e) => setForm({ ...form, augment: e.target.checked })} />
                {t("augment")}
              </label>
            </div>
            <p className="text-xs text-fg-subtle sm:col-span-3">{form.augment ? t("augmentOn") : t("augmentOff")}</p>
            {start.error && (
              <Alert className="sm:col-span-3" tone="error">
                {errorMessage(start.error)}
              </Alert>
            )}
            <div className="flex flex-wrap items-center gap-3 sm:col-span-3">
              <Button
                type="submit"
                loading={start.isPending}
                disabled={!canTrain || !runsKnown}
                aria-describedby={runsKnown ? undefined : waitReasonId}
                data-testid="start-training"
              >
                {t("start")}
              </Button>
              {!runsKnown && !runs.isError && (
                <span id={waitReasonId} className="text-sm text-fg-muted" role="status" data-testid="start-wait">
                  {t("checkingRuns")}
                </span>
              )}
              {runs.isError && (
                <span id={waitReasonId} className="flex flex-wrap items-center gap-2 text-sm text-red-700 dark:text-red-300" role="alert">
                  {t("runsUnavailable")}
                  <Button type="button" variant="secondary" size="sm" onClick={() => void runs.refetch()} loading={runs.isFetching}>
                    {t("retry")}
                  </Button>
                </span>
              )}
            </div>
          </form>
        </Card>
      )}
      {!active && latest && (
        <Card data-testid="latest-run">
          <div className="flex flex-wrap items-center gap-3">
            <CardTitle>{t("latest", { version: latest.version })}</CardTitle>
            <StatusBadge status={latest.status as RunStatus} />
            {latest.status === "SUCCEEDED" && (
              <span className="text-sm text-fg-muted">
                {t("latestAccuracy")} <AccuracyCell evidence={latest.evidence} />
              </span>
            )}
            <Link
              className="text-sm text-brand-700 underline dark:text-brand-300"
              href={`/w/${ws.slug}/prototypes/${prototypeId}/runs/${latest.id}`}
            >
              {t("viewResults")}
            </Link>
          </div>
          {latest.error && <RunFailure error={latest.error} />}
        </Card>
      )}
    </div>
  );
}

function LiveRun({
  run,
  onCancel,
  cancelling,
  canCancel,
}: {
  run: Pick<RunSummary, "id" | "version" | "status" | "phase" | "progress">;
  onCancel: () => void;
  cancelling: boolean;
  canCancel: boolean;
}) {
  const t = useTranslations("prototypes.train");
  const tModels = useTranslations("prototypes.results.models");
  const card = useRef<HTMLDivElement>(null);
  // Started from the bottom of the settings form: bring the progress into view where the button was.
  useEffect(() => {
    card.current?.scrollIntoView({ block: "nearest" });
  }, []);
  const progress = run.progress;
  const phase = run.status === "QUEUED" ? "queued" : (progress?.phase ?? run.phase ?? "preparing");
  const extracting = progress?.phase === "extracting" ? progress : null;
  const training = progress?.phase === "training" ? progress : null;
  const selecting = progress?.phase === "selecting" ? progress : null;
  let fraction = 0;
  if (selecting && selecting.steps) fraction = selecting.step / selecting.steps;
  if (extracting && extracting.total) fraction = extracting.done / extracting.total;
  if (training && training.epochs)
    fraction = (training.epoch + (training.batches ? (training.batch ?? 0) / training.batches : 0)) / training.epochs;
  if (phase === "evaluating") fraction = 1;
  return (
    <div ref={card}>
      <Card data-testid="live-run" aria-live="polite">
        <div className="flex flex-wrap items-center gap-3">
          <CardTitle>{t("running", { version: run.version })}</CardTitle>
          <StatusBadge status={run.status as RunStatus} />
          <span className="text-sm text-fg-muted" data-testid="run-phase">
            {t(`phases.${phase}` as "phases.queued")}
          </span>
          <Button
            className="ml-auto"
            variant="secondary"
            size="sm"
            onClick={onCancel}
            disabled={!canCancel || cancelling}
            loading={cancelling}
          >
            {t("cancel")}
          </Button>
        </div>
        <div
          className="mt-4 h-2 overflow-hidden rounded bg-muted"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(fraction * 100)}
        >
          <div className="h-full bg-brand-600 transition-all" style={{ width: `${Math.round(fraction * 100)}%` }} />
        </div>
        <dl className="mt-3 grid grid-cols-2 gap-2 text-sm sm:grid-cols-5">
          {extracting && (
            <Stat
              label={t("images")}
              value={`${extracting.done} / ${extracting.total}${extracting.cached ? ` (+${extracting.cached} ${t("cached")})` : ""}`}
            />
          )}
          {selecting && (
            <Stat
              label={t("candidate")}
              value={
                selecting.candidate
                  ? `${tModels(`kinds.${selecting.candidate}` as "kinds.logistic")} · ${t("fold", {
                      fold: selecting.fold ?? 0,
                      folds: selecting.folds ?? 0,
                    })}`
                  : t("thumbnails")
              }
            />
          )}
          {training && <Stat label={t("epoch")} value={`${training.epoch} / ${training.epochs}`} />}
          {training?.loss !== undefined && <Stat label={t("loss")} value={training.loss.toFixed(3)} />}
          {training?.acc !== undefined && <Stat label={t("accuracy")} value={pct(training.acc)} />}
          {training?.valAcc !== undefined && training.valAcc !== null && <Stat label={t("valAccuracy")} value={pct(training.valAcc)} />}
          {training?.etaMs !== undefined && <Stat label={t("eta")} value={formatDuration(training.etaMs)} />}
        </dl>
        {training?.history && training.history.length > 1 && (
          <div className="mt-4">
            <Curves history={training.history} height={160} />
          </div>
        )}
        <p className="mt-3 text-xs text-fg-subtle">{t("keepsRunning")}</p>
      </Card>
    </div>
  );
}

/** A failed run in plain words; the worker's own message (English, technical) under the disclosure. */
export function RunFailure({ error }: { error: string }) {
  const t = useTranslations("prototypes.train");
  return (
    <Alert className="mt-3">
      {t("failedRun")}
      <TechnicalDetails className="mt-2">{error}</TechnicalDetails>
    </Alert>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-fg-subtle">{label}</dt>
      <dd className="tabular-nums text-fg">{value}</dd>
    </div>
  );
}
