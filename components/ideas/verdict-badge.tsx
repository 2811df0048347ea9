"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/card";

const TONE = { go: "good", validate: "warn", park: "bad", noEvidence: "neutral" } as const;

/** An idea's verdict as a coloured label (go / validate further / park / no evidence yet). */
export function VerdictBadge({ verdict }: { verdict: keyof typeof TONE }) {
  const t = useTranslations("ideas.report.verdict");
  return (
    <Badge tone={TONE[verdict]} className="shrink-0 whitespace-nowrap">
      {t(verdict)}
    </Badge>
  );
}
