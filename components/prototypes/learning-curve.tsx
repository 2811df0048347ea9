"use client";

import { useTranslations } from "next-intl";
import { Card, CardTitle } from "@/components/ui/card";
import { rangeText } from "./evidence";
import { pct, type RunEvidence } from "./run-shared";

/** "How much more data?": test accuracy with fewer training images, the fitted forecast, and the weakest classes. */
export function LearningCurveCard({ evidence }: { evidence: RunEvidence }) {
  const t = useTranslations("prototypes.results.learning");
  const curve = evidence.learningCurve;
  if (!curve) return null;
  const weakest = [...evidence.perClass]
    .filter((c) => c.recall.n > 0)
    .sort((a, b) => (a.recall.estimate ?? 0) - (b.recall.estimate ?? 0))
    .slice(0, 2);
  return (
    <Card data-testid="learning-curve">
      <CardTitle>{t("title")}</CardTitle>
      <p className="mt-1 text-sm text-fg-muted">{t("help")}</p>
      <table className="mt-3 text-sm">
        <thead className="text-left text-xs text-fg-muted">
          <tr>
            <th className="pr-4 py-1">{t("share")}</th>
            <th className="pr-4 py-1">{t("perClass")}</th>
            <th className="py-1">{t("accuracy")}</th>
          </tr>
        </thead>
        <tbody>
          {curve.points.map((p) => (
            <tr key={p.fraction} className="border-t border-border">
              <td className="pr-4 py-1 tabular-nums">{Math.round(p.fraction * 100)} %</td>
              <td className="pr-4 py-1 tabular-nums">{Math.round(p.imagesPerClass)}</td>
              <td className="py-1 tabular-nums">
                {pct(p.accuracy.estimate)} <span className="text-xs text-fg-subtle">({rangeText(p.accuracy)})</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-3 text-sm text-fg" data-testid="learning-forecast">
        {curve.forecast
          ? t("forecast", { more: curve.forecast.morePerClass, target: Math.round(curve.forecast.target * 100) })
          : t("noForecast")}
      </p>
      {weakest.length > 0 && (
        <p className="mt-1 text-sm text-fg-muted">
          {t("weakest", { classes: weakest.map((c) => `${c.label} (${pct(c.recall.estimate)})`).join(", ") })}
        </p>
      )}
    </Card>
  );
}
