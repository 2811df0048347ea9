"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/react";
import { Card } from "@/components/ui/card";
import { Curves } from "./curves";
import { AccuracyCell } from "./evidence";
import { StatusBadge, pct, type RunStatus } from "./run-shared";

/** Two runs side by side: headline metrics, per-class F1, data, settings, curves. */
export function CompareRuns({ a, b }: { a: string; b: string }) {
  const t = useTranslations("prototypes.results.compare");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const left = useQuery(trpc.runs.get.queryOptions({ workspaceId: ws.id, runId: a }));
  const right = useQuery(trpc.runs.get.queryOptions({ workspaceId: ws.id, runId: b }));
  if (!left.data || !right.data) return <p className="text-sm text-fg-muted">{t("loading")}</p>;
  const runs = [left.data, right.data];
  const metrics = runs.map((r) => r.metrics);
  const classes = [...new Set(metrics.flatMap((m) => m?.classes ?? []))];
  const rows: Array<[string, (i: number) => React.ReactNode]> = [
    [t("status"), (i) => <StatusBadge status={runs[i]!.status as RunStatus} />],
    [t("accuracy"), (i) => <AccuracyCell evidence={runs[i]!.evidence} />],
    [t("macroF1"), (i) => pct(metrics[i]?.macroF1)],
    [t("baseline"), (i) => pct(metrics[i]?.majorityBaseline)],
    [t("backbone"), (i) => runs[i]!.backboneTitle ?? "—"],
    [t("backend"), (i) => runs[i]!.backend ?? "—"],
    [
      t("data"),
      (i) => {
        const s = runs[i]!.dataSizes;
        return s ? `${s.train} / ${s.validation} / ${s.test ?? "—"}` : "—";
      },
    ],
    ...Object.keys(runs[0]!.settings ?? {}).map((key): [string, (i: number) => string] => [
      key,
      (i) => String((runs[i]!.settings as Record<string, unknown> | null)?.[key] ?? "—"),
    ]),
    ...classes.map((c): [string, (i: number) => string] => [
      t("f1Of", { label: c }),
      (i) => pct(metrics[i]?.perClass.find((p) => p.label === c)?.f1),
    ]),
  ];
  return (
    <div className="space-y-6" data-testid="compare-runs">
      <Card className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-fg-muted">
            <tr>
              <th className="py-1" />
              {runs.map((r) => (
                <th key={r.id} className="py-1 text-base font-semibold text-fg">
                  v{r.version}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, value]) => (
              <tr key={label} className="border-t border-border">
                <th scope="row" className="py-1 pr-4 text-left font-normal text-fg-muted">
                  {label}
                </th>
                {runs.map((r, i) => (
                  <td key={r.id} className="py-1 tabular-nums">
                    {value(i)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        {runs.map((r) => (
          <Card key={r.id}>
            <p className="mb-2 text-sm font-medium text-fg">v{r.version}</p>
            <Curves history={r.curves} height={160} />
          </Card>
        ))}
      </div>
    </div>
  );
}
