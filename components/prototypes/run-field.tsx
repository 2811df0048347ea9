"use client";

import { useTranslations } from "next-intl";
import { Card, CardTitle } from "@/components/ui/card";
import { wilsonInterval } from "@/ml/metrics/interval";
import type { RunMetrics } from "@/server/prototypes/run-json";

const pct = (x: number | null) => (x === null ? "–" : (Math.round(x * 1000) / 10).toString());

/** A run's figures on field images (reviewed predictions), apart from the lab data, and the earlier runs on the same images. */
export function RunFieldCard({ field }: { field: NonNullable<RunMetrics["field"]> }) {
  const t = useTranslations("prototypes.field");
  const mine = wilsonInterval(field.correct, field.heldOut);
  const before = wilsonInterval(field.previous.correct, field.previous.n);
  return (
    <Card className="space-y-2" data-testid="run-field">
      <CardTitle>{t("runFieldTitle")}</CardTitle>
      <p className="text-sm text-fg-muted">{t("runFieldBody", { images: field.images, heldOut: field.heldOut })}</p>
      {field.heldOut === 0 ? (
        <p className="text-sm text-fg">{t("runFieldNoneHeldOut")}</p>
      ) : (
        <>
          <p className="text-sm font-medium text-fg">
            {t("runFieldThis", {
              correct: field.correct,
              n: field.heldOut,
              accuracy: pct(mine.estimate),
              low: pct(mine.low),
              high: pct(mine.high),
            })}
            {mine.rough && <span className="text-xs text-amber-700 dark:text-amber-300"> · {t("rough")}</span>}
          </p>
          {field.previous.n > 0 && (
            <p className="text-sm text-fg" data-testid="run-field-previous">
              {t("runFieldPrevious", {
                versions: field.previous.versions.join(", v"),
                correct: field.previous.correct,
                n: field.previous.n,
                accuracy: pct(before.estimate),
              })}
            </p>
          )}
        </>
      )}
    </Card>
  );
}
