"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/react";
import { FLOAT16_MEASURED } from "@/ml/export/float16-measured";
import { wilsonInterval } from "@/ml/metrics/interval";
import { Alert, Card, CardTitle } from "@/components/ui/card";
import { useErrorMessage } from "@/components/ui/errors";
import { ConfusionMatrix } from "./confusion";
import { Curves } from "./curves";
import { EvidenceNote, rangeText } from "./evidence";
import { RunFieldCard } from "./run-field";
import { LearningCurveCard } from "./learning-curve";
import { TechnicalDetails, TechnicalRow } from "@/components/ui/technical-details";
import { engineLabel } from "@/ml/embed/engine-label";
import { StatusBadge, formatDuration, pct, useDeviceName, useModelName, useSettingsRows, type RunStatus } from "./run-shared";
import { RunFailure } from "./train-panel";
import { ModelsTried } from "./models-tried";
import { ScrollRegion } from "@/components/ui/scroll-region";

const float16Agreement = wilsonInterval(FLOAT16_MEASURED.sameTop1, FLOAT16_MEASURED.images);

export function RunResults({ prototypeId, runId }: { prototypeId: string; runId: string }) {
  const t = useTranslations("prototypes.results");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const errorMessage = useErrorMessage("prototypes.runErrors");
  const modelName = useModelName();
  const deviceName = useDeviceName();
  const settingsRows = useSettingsRows();
  const run = useQuery({
    ...trpc.runs.get.queryOptions({ workspaceId: ws.id, runId }),
    refetchInterval: (query) => (query.state.data && ["QUEUED", "RUNNING"].includes(query.state.data.status) ? 1500 : false),
  });
  if (run.error) return <Alert>{errorMessage(run.error)}</Alert>;
  if (!run.data) return <p className="text-sm text-fg-muted">{t("loading")}</p>;
  const r = run.data;
  const { metrics, evidence, curves, settings } = r;
  const sizes = r.dataSizes;
  const duration = r.startedAt && r.finishedAt ? new Date(r.finishedAt).getTime() - new Date(r.startedAt).getTime() : null;
  return (
    <div className="space-y-6" data-testid="run-results">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold text-fg">{t("title", { version: r.version })}</h1>
        <StatusBadge status={r.status as RunStatus} />
        {r.status === "SUCCEEDED" && (
          <a
            className="ml-auto inline-flex h-9 items-center rounded-md border border-border bg-surface px-3 text-sm text-fg hover:bg-muted"
            href={`/api/prototypes/${prototypeId}/runs/${r.id}/export`}
            download
            data-testid="download-model"
          >
            {t("download")}
          </a>
        )}
      </div>
      {r.status === "SUCCEEDED" && (
        <p className="text-xs text-fg-muted" data-testid="download-float16">
          <a className="underline" href={`/api/prototypes/${prototypeId}/runs/${r.id}/export?weights=float16`} download>
            {t("downloadFloat16")}
          </a>{" "}
          {t("float16Measured", {
            share: FLOAT16_MEASURED.sizeShare,
            n: FLOAT16_MEASURED.images,
            agree: float16Agreement.estimate ?? 0,
            low: float16Agreement.low ?? 0,
            high: float16Agreement.high ?? 0,
            diff: FLOAT16_MEASURED.maxProbabilityDifference.toFixed(2),
          })}
        </p>
      )}
      {r.error && <RunFailure error={r.error} />}
      {metrics && (
        <div className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          <Metric
            label={t("accuracy")}
            value={pct(evidence?.accuracy.estimate ?? metrics.accuracy)}
            testId="metric-accuracy"
            note={evidence && <EvidenceNote evidence={evidence} />}
          />
          <Metric label={t("macroF1")} value={pct(metrics.macroF1)} />
          <Metric label={t("baseline")} value={pct(metrics.majorityBaseline)} hint={t("baselineHint")} />
          <Metric label={t("duration")} value={formatDuration(duration)} />
        </div>
      )}
      {metrics?.selection && <ModelsTried selection={metrics.selection} seed={settings?.seed} />}
      {metrics && !metrics.selection && settings?.mode === "quick" && r.status === "SUCCEEDED" && (
        <p className="text-xs text-fg-subtle" data-testid="quick-mode-note">
          {t("models.quick")}
        </p>
      )}
      {metrics && (
        <Card>
          <CardTitle>{t("perClass")}</CardTitle>
          <ScrollRegion label={t("perClass")} className="mt-3">
            <table className="w-full text-sm">
              <thead className="text-left text-xs text-fg-muted">
                <tr>
                  <th className="py-1 pr-3">{t("class")}</th>
                  <th className="py-1 pr-3">{t("precision")}</th>
                  <th className="py-1 pr-3">{t("recall")}</th>
                  <th className="py-1 pr-3">{t("f1")}</th>
                  <th className="py-1">{t("support")}</th>
                </tr>
              </thead>
              <tbody>
                {metrics.perClass.map((c, i) => {
                  const recall = evidence?.perClass[i]?.recall;
                  return (
                    <tr key={c.label} className="border-t border-border">
                      <td className="py-1 pr-3">{c.label}</td>
                      <td className="py-1 pr-3 whitespace-nowrap tabular-nums">{pct(c.precision)}</td>
                      {/* Wide enough that the count and range read as two lines, not five, on a phone; the table scrolls. */}
                      <td className="min-w-40 py-1 pr-3 tabular-nums">
                        <span className="whitespace-nowrap">{pct(c.recall)}</span>
                        {recall && recall.n > 0 && (
                          <span className="block text-xs text-fg-subtle">
                            {t("recallEvidence", { correct: recall.successes, count: recall.n, range: rangeText(recall) })}
                          </span>
                        )}
                      </td>
                      <td className="py-1 pr-3 whitespace-nowrap tabular-nums">{pct(c.f1)}</td>
                      <td className="py-1 tabular-nums">{c.support}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
        </Card>
      )}
      {metrics && (
        <Card>
          <CardTitle>{t("confusion.title")}</CardTitle>
          <p className="mb-3 mt-1 text-sm text-fg-muted">{t("confusion.help")}</p>
          <ConfusionMatrix prototypeId={prototypeId} runId={r.id} classes={metrics.classes} matrix={metrics.confusion} />
        </Card>
      )}
      {metrics?.field && <RunFieldCard field={metrics.field} />}
      {evidence && <LearningCurveCard evidence={evidence} />}
      <Card>
        <CardTitle>{t("curves.title")}</CardTitle>
        <div className="mt-3">
          {curves.length === 0 && (metrics?.candidate?.kind === "logistic" || metrics?.candidate?.kind === "pixels") ? (
            <p className="text-sm text-fg-muted">{t("curves.linear")}</p>
          ) : (
            <Curves history={curves} />
          )}
        </div>
        {metrics?.stoppedEarly && <p className="mt-2 text-xs text-fg-subtle">{t("stoppedEarly", { epoch: metrics.bestEpoch ?? 0 })}</p>}
      </Card>
      <Card>
        <CardTitle>{t("details")}</CardTitle>
        <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <Detail label={t("model")} value={modelName(r.backboneId, r.backboneTitle)} />
          {sizes && (
            <Detail
              label={t("dataSizes")}
              value={
                sizes.test === undefined
                  ? t("sizes", { train: sizes.train, validation: sizes.validation, unreadable: sizes.unreadable })
                  : t("sizesWithTest", { train: sizes.train, validation: sizes.validation, test: sizes.test, unreadable: sizes.unreadable })
              }
            />
          )}
        </dl>
        {sizes && (
          <table className="mt-3 text-sm">
            <tbody>
              {sizes.perClass.map((c) => (
                <tr key={c.name}>
                  <td className="pr-4 text-fg-muted">{c.name}</td>
                  <td className="pr-4 tabular-nums">{t("trainCount", { count: c.train })}</td>
                  <td className="pr-4 tabular-nums">{t("validationCount", { count: c.validation })}</td>
                  {c.test !== undefined && <td className="tabular-nums">{t("testCount", { count: c.test })}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <TechnicalDetails className="mt-4" testId="run-technical">
          <TechnicalRow label={t("technical.catalogTitle")}>
            {/* The model catalog's own name for it, quoted as is (not prose): translators leave it alone. */}
            <span translate="no">{r.backboneTitle ?? "—"}</span>
          </TechnicalRow>
          <TechnicalRow label={t("technical.engine")}>
            {r.backend ? `TF.js ${r.backend}: ${deviceName(r.backend, r.device)}` : "—"}
          </TechnicalRow>
          <TechnicalRow label={t("technical.embeddingEngine")}>
            {r.embeddingEngine === "cached"
              ? t("technical.embeddingsCached")
              : r.embeddingEngine
                ? engineLabel(r.embeddingEngine)
                : t("technical.notRecorded")}
          </TechnicalRow>
          {metrics?.modelKind === "head" && sizes?.cachedEmbeddings !== undefined && (
            <TechnicalRow label={t("cached")}>{sizes.cachedEmbeddings}</TechnicalRow>
          )}
          {settingsRows(settings).map((row) => (
            <TechnicalRow key={row.label} label={row.label}>
              {row.value}
            </TechnicalRow>
          ))}
        </TechnicalDetails>
      </Card>
    </div>
  );
}

function Metric({
  label,
  value,
  hint,
  note,
  testId,
}: {
  label: string;
  value: string;
  hint?: string;
  note?: React.ReactNode;
  testId?: string;
}) {
  return (
    <Card>
      <p className="text-xs text-fg-subtle">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-fg" data-testid={testId}>
        {value}
      </p>
      {note && <div className="mt-1">{note}</div>}
      {hint && <p className="mt-1 text-xs text-fg-subtle">{hint}</p>}
    </Card>
  );
}

function Detail({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-fg-subtle">{label}</dt>
      <dd className="break-words text-fg">{value}</dd>
    </div>
  );
}
