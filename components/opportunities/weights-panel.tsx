"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/trpc/react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { useErrorMessage } from "@/components/ui/errors";
import type { PriorityWeights } from "@/server/opportunities/scoring";

const KEYS = ["value", "feasibility", "fit"] as const;

/**
 * Sliders for how much value, feasibility and fit count. Moving them re-ranks at once (a preview
 * for everyone); admins save them for the whole workspace.
 */
export function WeightsPanel({
  weights,
  saved,
  onChange,
}: {
  weights: PriorityWeights;
  saved: PriorityWeights;
  onChange: (w: PriorityWeights) => void;
}) {
  const t = useTranslations("opportunities");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const errorMessage = useErrorMessage("opportunities.errors");
  const save = useMutation(
    trpc.opportunities.setWeights.mutationOptions({
      onSuccess: () => {
        void qc.invalidateQueries({ queryKey: trpc.opportunities.list.queryKey() });
        void qc.invalidateQueries({ queryKey: trpc.opportunities.overview.queryKey() });
        void qc.invalidateQueries({ queryKey: trpc.opportunities.weights.queryKey() });
      },
    }),
  );
  const dirty = KEYS.some((k) => weights[k] !== saved[k]);
  const canSave = ws.can("opportunity.settings");
  return (
    <Card data-testid="weights-panel">
      <CardTitle>{t("weights.title")}</CardTitle>
      <p className="mt-1 text-xs text-fg-muted">{t("weights.help")}</p>
      <div className="mt-3 space-y-3">
        {KEYS.map((k) => (
          <label key={k} className="block text-sm">
            <span className="flex justify-between">
              <span>{t(`score.${k}`)}</span>
              <span className="tabular-nums text-fg-muted">{weights[k]}</span>
            </span>
            <input
              type="range"
              min={0}
              max={10}
              step={1}
              value={weights[k]}
              onChange={(e) => onChange({ ...weights, [k]: Number(e.target.value) })}
              className="w-full accent-brand-600"
              aria-label={t("weights.slider", { score: t(`score.${k}`) })}
            />
          </label>
        ))}
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        {canSave ? (
          <Button size="sm" disabled={!dirty} loading={save.isPending} onClick={() => save.mutate({ workspaceId: ws.id, ...weights })}>
            {t("weights.save")}
          </Button>
        ) : (
          <span className="text-xs text-fg-subtle">{t("weights.adminOnly")}</span>
        )}
        {dirty && (
          <Button size="sm" variant="ghost" onClick={() => onChange(saved)}>
            {t("weights.reset")}
          </Button>
        )}
        {save.isSuccess && !dirty && (
          <span className="text-xs text-emerald-700 dark:text-emerald-300" role="status">
            {t("weights.saved")}
          </span>
        )}
        {save.error && (
          <span className="text-xs text-red-600" role="alert">
            {errorMessage(save.error)}
          </span>
        )}
      </div>
    </Card>
  );
}
