"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/react";
import { Alert, Card, CardTitle } from "@/components/ui/card";
import { useErrorMessage } from "@/components/ui/errors";
import type { ProportionInterval } from "@/ml/metrics/interval";

const pct = (x: number | null) => (x === null ? "–" : (Math.round(x * 1000) / 10).toString());

/** The keep switch and exactly what it keeps, on the prototype's overview. */
export function KeepPanel({ prototypeId }: { prototypeId: string }) {
  const t = useTranslations("prototypes.field");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage("prototypes.dataErrors");
  const settings = useQuery(trpc.fieldLoop.settings.queryOptions({ workspaceId: ws.id, prototypeId }));
  const setKeep = useMutation(
    trpc.fieldLoop.setKeep.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.fieldLoop.settings.queryKey() }),
    }),
  );
  const s = settings.data;
  if (!s) return settings.error ? <Alert>{errorMessage(settings.error)}</Alert> : null;
  return (
    <Card className="space-y-3" data-testid="keep-panel">
      <CardTitle>{t("keepTitle")}</CardTitle>
      <label className="flex items-start gap-3 text-sm font-medium text-fg">
        <input
          type="checkbox"
          className="mt-0.5 size-5 shrink-0 accent-brand-600"
          // While the change is on its way (and the settings reload), show what was asked for.
          checked={setKeep.isPending && setKeep.variables ? setKeep.variables.keep : s.keep}
          disabled={!ws.can("prototype.write") || setKeep.isPending}
          onChange={(e) => setKeep.mutate({ workspaceId: ws.id, prototypeId, keep: e.target.checked })}
        />
        {t("keepSwitch")}
      </label>
      {setKeep.error && <Alert>{errorMessage(setKeep.error)}</Alert>}
      <p className="text-sm text-fg-muted">{s.keep ? t("keepWhat") : t("keepOff")}</p>
      <p className="text-sm text-fg-muted">{t("keepLimits", { days: s.retentionDays, mb: s.maxMb, percent: s.samplePercent })}</p>
      <p className="text-sm text-fg" data-testid="keep-stats">
        {t("keepStats", { count: s.keptCount, pending: s.pendingCount, mb: s.workspaceMb })}
      </p>
      <Link
        className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-300"
        href={`/w/${ws.slug}/prototypes/${prototypeId}/review`}
      >
        {t("openInbox")}
      </Link>
      <FieldDropFlag prototypeId={prototypeId} />
    </Card>
  );
}

/** The warning shown on the prototype when field accuracy lies entirely below the lab range. */
export function FieldDropFlag({ prototypeId }: { prototypeId: string }) {
  const t = useTranslations("prototypes.field");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const field = useQuery(trpc.fieldLoop.accuracy.queryOptions({ workspaceId: ws.id, prototypeId }));
  const drop = field.data?.drop;
  if (!drop) return null;
  return (
    <Alert data-testid="field-drop">
      {t("dropFlag", {
        version: drop.version,
        field: pct(drop.field.estimate),
        high: pct(drop.field.high),
        low: pct(drop.lab.low),
        labHigh: pct(drop.lab.high),
      })}
    </Alert>
  );
}

function Interval({ value }: { value: ProportionInterval }) {
  const t = useTranslations("prototypes.field");
  return value.rough ? <span className="text-xs text-amber-700 dark:text-amber-300"> · {t("rough")}</span> : null;
}

/** Field accuracy from reviewed random samples: overall, per run against lab, per class, per week. */
export function FieldAccuracyCard({ prototypeId }: { prototypeId: string }) {
  const t = useTranslations("prototypes.field");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const field = useQuery(trpc.fieldLoop.accuracy.queryOptions({ workspaceId: ws.id, prototypeId }));
  const f = field.data;
  if (!f) return null;
  const row = (label: string, a: ProportionInterval) => (
    <li key={label}>
      {t("classRow", { label, accuracy: pct(a.estimate), low: pct(a.low), high: pct(a.high), n: a.n })}
      <Interval value={a} />
    </li>
  );
  return (
    <Card className="space-y-3" data-testid="field-accuracy">
      <CardTitle>{t("fieldTitle")}</CardTitle>
      <p className="text-sm text-fg-muted">{t("fieldIntro")}</p>
      <FieldDropFlag prototypeId={prototypeId} />
      {f.overall.n === 0 ? (
        <p className="text-sm text-fg">{t("fieldNone")}</p>
      ) : (
        <>
          <p className="text-sm font-medium text-fg" data-testid="field-overall">
            {t("fieldOverall", { accuracy: pct(f.overall.estimate), low: pct(f.overall.low), high: pct(f.overall.high), n: f.overall.n })}
            <Interval value={f.overall} />
          </p>
          <div className="grid gap-4 text-sm sm:grid-cols-3">
            <div>
              <h3 className="font-medium text-fg">{t("perRun")}</h3>
              <ul className="mt-1 space-y-1 text-fg-muted">
                {f.perRun.map((r) => (
                  <li key={r.version}>
                    {t("runRow", {
                      version: r.version,
                      field: pct(r.field.estimate),
                      fieldN: r.field.n,
                      lab: r.lab
                        ? t("labFigure", { accuracy: pct(r.lab.estimate), low: pct(r.lab.low), high: pct(r.lab.high), n: r.lab.n })
                        : t("labNone"),
                    })}
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h3 className="font-medium text-fg">{t("perClass")}</h3>
              <ul className="mt-1 space-y-1 text-fg-muted">{f.perClass.map((c) => row(c.label ?? t("noneClass"), c.accuracy))}</ul>
            </div>
            <div>
              <h3 className="font-medium text-fg">{t("overTime")}</h3>
              <ul className="mt-1 space-y-1 text-fg-muted">{f.overTime.map((w) => row(w.weekStart, w.accuracy))}</ul>
            </div>
          </div>
        </>
      )}
      <details className="text-sm text-fg-muted">
        <summary className="cursor-pointer">{t("details")}</summary>
        <p className="mt-1">{t("detailsText")}</p>
      </details>
    </Card>
  );
}
