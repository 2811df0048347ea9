"use client";

import { useTranslations } from "next-intl";
import { pct, type Interval, type RunEvidence } from "./run-shared";

/** "88.0–97.1 %": the 95 % range of a proportion, or a dash when nothing was measured. */
export function rangeText(interval: Interval): string {
  if (interval.low === null || interval.high === null) return "—";
  return `${(interval.low * 100).toFixed(1)}–${(interval.high * 100).toFixed(1)} %`;
}

/** Under an accuracy: how many images it rests on, its 95 % range, and whether it is rough or measured on validation. */
export function EvidenceNote({ evidence, compact = false }: { evidence: RunEvidence; compact?: boolean }) {
  const t = useTranslations("prototypes.evidence");
  const { accuracy, evaluatedOn } = evidence;
  const images = evaluatedOn === "test" ? t("testImages", { count: accuracy.n }) : t("validationImages", { count: accuracy.n });
  return (
    <span className="block text-xs text-fg-subtle" data-testid="accuracy-evidence">
      <span className="block">
        {images} · {t("range", { range: rangeText(accuracy) })}
      </span>
      {accuracy.rough && (
        <span className="block font-medium text-amber-700 dark:text-amber-300" data-testid="accuracy-rough">
          {compact ? t("roughShort") : t("rough", { min: 30 })}
        </span>
      )}
      {!compact && evaluatedOn === "validation" && <span className="block">{t("onValidation")}</span>}
    </span>
  );
}

/** "(88.0–97.1 %, 60 images · rough estimate)": what an accuracy printed just before it rests on. */
export function EvidenceSuffix({ evidence }: { evidence: RunEvidence }) {
  const t = useTranslations("prototypes.evidence");
  const { accuracy } = evidence;
  return (
    <span className="text-xs text-fg-subtle" data-testid="accuracy-range">
      {t("cell", { range: rangeText(accuracy), count: accuracy.n })}
      {accuracy.rough && <> · {t("roughShort")}</>}
    </span>
  );
}

/** One line for tables: "93.3 % (88.0–97.1 %, 60 images)", with "rough estimate" below 30 images. */
export function AccuracyCell({ evidence }: { evidence: RunEvidence | null }) {
  if (!evidence) return <>—</>;
  return (
    <span>
      {pct(evidence.accuracy.estimate)} <EvidenceSuffix evidence={evidence} />
    </span>
  );
}
