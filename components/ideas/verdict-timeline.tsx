"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Card, CardTitle } from "@/components/ui/card";
import type { IdeaReportData } from "./types";
import { VerdictBadge } from "./verdict-badge";

/** Each change of the verdict with what caused it, oldest first. */
export function VerdictTimeline({ events }: { events: IdeaReportData["history"] }) {
  const t = useTranslations("ideas.history");
  const format = useFormatter();
  return (
    <Card className="print:break-inside-avoid" data-testid="timeline">
      <CardTitle>{t("title")}</CardTitle>
      {events.length === 0 && <p className="mt-2 text-sm text-fg-muted">{t("empty")}</p>}
      <ol className="mt-3 space-y-2 border-l border-border pl-4 text-sm">
        {events.map((e) => (
          <li key={e.seq} data-testid="timeline-entry" data-verdict={e.verdict}>
            <div className="flex flex-wrap items-center gap-2">
              <VerdictBadge verdict={e.verdict} />
              <span className="text-fg-muted">{t(`cause.${e.cause}`)}</span>
              <time className="text-xs text-fg-subtle" dateTime={e.createdAt.toISOString()}>
                {format.dateTime(e.createdAt, { dateStyle: "medium", timeStyle: "short" })}
              </time>
            </div>
            {e.detail && <p className="mt-0.5 text-xs text-fg-subtle">{e.detail}</p>}
          </li>
        ))}
      </ol>
    </Card>
  );
}
