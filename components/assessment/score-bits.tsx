"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { BAND_THRESHOLDS, type Band } from "@/server/assessment/scoring";

const TONE = { low: "bad", moderate: "warn", high: "good" } as const;

export function BandBadge({ band }: { band: Band }) {
  const t = useTranslations("assessment.bands");
  return <Badge tone={TONE[band]}>{t(band)}</Badge>;
}

/** A 0–100 bar; `previous` draws a marker where an earlier attempt stood. */
export function ScoreBar({ score, previous, label }: { score: number; previous?: number; label: string }) {
  return (
    <div
      className="relative h-2.5 w-full rounded-full bg-muted print:border print:border-gray-400"
      role="meter"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={score}
      aria-label={label}
    >
      <div className="h-full rounded-full bg-brand-600 print:bg-gray-700" style={{ width: `${score}%` }} />
      {previous !== undefined && (
        <div className="absolute -top-1 h-4.5 w-0.5 bg-fg" style={{ left: `calc(${previous}% - 1px)` }} aria-hidden />
      )}
    </div>
  );
}

export function ChangeValue({ change, className }: { change: number; className?: string }) {
  const sign = change > 0 ? "+" : change < 0 ? "−" : "±";
  return (
    <span
      className={cn(
        "tabular-nums",
        change > 0 ? "text-emerald-700 dark:text-emerald-300" : change < 0 ? "text-red-700 dark:text-red-300" : "text-fg-subtle",
        className,
      )}
    >
      {sign}
      {Math.abs(change).toFixed(1)}
    </span>
  );
}

export function BandThresholds() {
  const t = useTranslations("assessment");
  return (
    <p className="text-xs text-fg-subtle">
      {t("bandThresholds", { moderate: BAND_THRESHOLDS.moderate, high: BAND_THRESHOLDS.high, highMinus: BAND_THRESHOLDS.high - 0.1 })}
    </p>
  );
}
