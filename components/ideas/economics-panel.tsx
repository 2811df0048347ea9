"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Alert, Card, CardTitle } from "@/components/ui/card";
import { isEditConflict, useErrorMessage } from "@/components/ui/errors";
import { Field, Input } from "@/components/ui/field";
import { ConflictChoice, SubmitCancelButtons } from "./item-controls";
import type { IdeaReportData } from "./types";
import { INPUT_MAX } from "@/server/input-limits";

const NUMBERS = [
  "pricePerUnit",
  "unitsPerMonth",
  "otherCostPerUnit",
  "predictionsPerUnit",
  "machinePricePerHour",
  "latencyMsOverride",
  "buildCost",
] as const;
type NumberKey = (typeof NUMBERS)[number];
/** The payback limit the server applies (MAX_PAYBACK_MONTHS in server/ideas/economics-math.ts), shown in the sentences. */
const MAX_PAYBACK = 24;

/** Unit economics: the inputs with their sources, what they compute to, and what has to be true. */
export function EconomicsPanel({ ideaId, report, onChanged }: { ideaId: string; report: IdeaReportData; onChanged: () => void }) {
  const t = useTranslations("ideas.economics");
  const format = useFormatter();
  const ws = useWorkspace();
  const trpc = useTRPC();
  const errorMessage = useErrorMessage("ideas.errors");
  const [editing, setEditing] = useState<{ base: Date | null } | null>(null);
  const measure = useMutation(trpc.ideas.measureLatency.mutationOptions({ onSuccess: onChanged }));
  const e = report.economics;
  const money = (x: number) => format.number(x, { maximumFractionDigits: x !== 0 && Math.abs(x) < 1 ? 4 : 2 });
  return (
    <Card data-testid="economics">
      <CardTitle>{t("title")}</CardTitle>
      <p className="mt-1 text-sm text-fg-muted">{t("help")}</p>
      {!e && !editing && <p className="mt-3 text-sm text-fg-muted">{t("empty")}</p>}
      {e && report.economicsInputs && (
        <>
          <dl className="mt-4 grid grid-cols-2 gap-3 text-sm sm:grid-cols-3" data-testid="economics-results">
            <Figure label={t("costPer1000")} value={e.inferenceCostPer1000 === null ? "—" : money(e.inferenceCostPer1000)} />
            <Figure label={t("costToServe")} value={money(e.costToServePerUnit)} />
            <Figure label={t("unitMargin")} value={money(e.unitMargin)} />
            <Figure label={t("grossMargin")} value={e.grossMarginPct === null ? "—" : `${Math.round(e.grossMarginPct * 100)}%`} />
            <Figure label={t("monthlyProfit")} value={money(e.monthlyGrossProfit)} />
            <Figure
              label={t("payback")}
              value={
                e.paybackMonths === null ? t("never") : t("months", { n: format.number(e.paybackMonths, { maximumFractionDigits: 1 }) })
              }
            />
          </dl>
          <p className={e.positive ? "mt-3 text-sm text-emerald-700 dark:text-emerald-300" : "mt-3 text-sm text-red-700 dark:text-red-300"}>
            {t(e.positive ? "positive" : "negative", { max: MAX_PAYBACK })}
          </p>
          <p className="mt-1 text-xs text-fg-subtle">
            {e.latencySource === "run"
              ? t("latencyRun", { note: e.latencyNote })
              : e.latencySource === "measured"
                ? t("latencyMeasured", { ms: format.number(e.latencyMs ?? 0, { maximumFractionDigits: 1 }), note: e.latencyNote })
                : e.latencySource === "override"
                  ? t("latencyOverride")
                  : t("latencyNone")}
            {" · "}
            {t("formula")}
          </p>
          <p className="mt-3 text-sm font-medium">{t("needs")}</p>
          <ul className="mt-1 list-disc pl-5 text-sm" data-testid="economics-needs">
            <li>{t("minPrice", { value: money(e.needs.minPrice) })}</li>
            {e.needs.minUnitsPerMonth !== null && (
              <li>{t("minUnits", { value: format.number(Math.ceil(e.needs.minUnitsPerMonth)), max: MAX_PAYBACK })}</li>
            )}
            {e.needs.maxLatencyMs !== null && <li>{t("maxLatency", { value: format.number(Math.floor(e.needs.maxLatencyMs)) })}</li>}
          </ul>
          <details className="mt-3 text-xs">
            <summary className="cursor-pointer text-fg-muted">{t("source")}</summary>
            <dl className="mt-2 grid grid-cols-1 gap-1 sm:grid-cols-2">
              {NUMBERS.map((k) => (
                <div key={k}>
                  <dt className="text-fg-subtle">
                    {t(k)}: {report.economicsInputs![k] ?? "—"}
                  </dt>
                  <dd>{report.economicsInputs!.sources[k] || "—"}</dd>
                </div>
              ))}
            </dl>
          </details>
        </>
      )}
      {ws.can("idea.write") && e && !editing && (
        <Button
          className="no-print mr-2 mt-3"
          size="sm"
          variant="secondary"
          loading={measure.isPending}
          onClick={() => measure.mutate({ workspaceId: ws.id, ideaId })}
        >
          {t("measure")}
        </Button>
      )}
      {measure.error && <Alert className="mt-3">{errorMessage(measure.error)}</Alert>}
      {ws.can("idea.write") &&
        (editing ? (
          <EconomicsForm
            ideaId={ideaId}
            report={report}
            base={editing.base}
            onDone={() => (setEditing(null), onChanged())}
            onCancel={() => setEditing(null)}
          />
        ) : (
          <Button
            className="no-print mt-3"
            size="sm"
            variant="secondary"
            onClick={() => setEditing({ base: report.economicsInputs?.updatedAt ?? null })}
          >
            {t("edit")}
          </Button>
        ))}
    </Card>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-fg-subtle">{label}</dt>
      <dd className="font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

function EconomicsForm({
  ideaId,
  report,
  base,
  onDone,
  onCancel,
}: {
  ideaId: string;
  report: IdeaReportData;
  base: Date | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations("ideas.economics");
  const tc = useTranslations("ideas.form");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const errorMessage = useErrorMessage("ideas.errors");
  const cur = report.economicsInputs;
  const [nums, setNums] = useState<Record<NumberKey, string>>(
    Object.fromEntries(NUMBERS.map((k) => [k, cur?.[k] == null ? (k === "predictionsPerUnit" ? "1" : "") : String(cur[k])])) as Record<
      NumberKey,
      string
    >,
  );
  const [sources, setSources] = useState<Record<NumberKey, string>>(
    Object.fromEntries(NUMBERS.map((k) => [k, cur?.sources[k] ?? ""])) as Record<NumberKey, string>,
  );
  const [unitLabel, setUnitLabel] = useState(cur?.unitLabel ?? "");
  const save = useMutation(trpc.ideas.saveEconomics.mutationOptions({ onSuccess: onDone }));
  const num = (k: NumberKey) => (nums[k] === "" ? 0 : Number(nums[k]));
  const fields = () => ({
    unitLabel,
    pricePerUnit: num("pricePerUnit"),
    unitsPerMonth: num("unitsPerMonth"),
    otherCostPerUnit: num("otherCostPerUnit"),
    predictionsPerUnit: num("predictionsPerUnit"),
    machinePricePerHour: num("machinePricePerHour"),
    latencyMsOverride: nums.latencyMsOverride === "" ? null : Number(nums.latencyMsOverride),
    buildCost: num("buildCost"),
    sources,
  });
  return (
    <form
      className="no-print mt-4 space-y-3"
      data-testid="economics-form"
      onSubmit={(ev) => {
        ev.preventDefault();
        save.mutate({ workspaceId: ws.id, ideaId, fields: fields(), baseUpdatedAt: base });
      }}
    >
      <Field label={t("unitLabel")}>
        {(p) => (
          <Input
            {...p}
            maxLength={INPUT_MAX.unitLabel}
            placeholder={t("unitPlaceholder")}
            value={unitLabel}
            onChange={(e) => setUnitLabel(e.target.value)}
          />
        )}
      </Field>
      {NUMBERS.map((k) => (
        <div key={k} className="grid grid-cols-1 gap-2 sm:grid-cols-2">
          <Field label={t(k)}>
            {(p) => (
              <Input
                {...p}
                type="number"
                min={0}
                step="any"
                required={k === "pricePerUnit" || k === "unitsPerMonth"}
                value={nums[k]}
                onChange={(e) => setNums({ ...nums, [k]: e.target.value })}
              />
            )}
          </Field>
          <Field label={t("source")}>
            {(p) => (
              <Input
                {...p}
                maxLength={INPUT_MAX.economicsSource}
                placeholder={t("sourcePlaceholder")}
                value={sources[k]}
                onChange={(e) => setSources({ ...sources, [k]: e.target.value })}
              />
            )}
          </Field>
        </div>
      ))}
      {save.error ? <Alert>{errorMessage(save.error)}</Alert> : null}
      {isEditConflict(save.error) && (
        <ConflictChoice onMine={() => save.mutate({ workspaceId: ws.id, ideaId, fields: fields() })} onTheirs={onDone} />
      )}
      <SubmitCancelButtons submitLabel={t("save")} cancelLabel={tc("cancel")} pending={save.isPending} onCancel={onCancel} />
    </form>
  );
}
