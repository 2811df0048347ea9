"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Badge, Card } from "@/components/ui/card";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";
import { VerdictBadge } from "./verdict-badge";

type Scorecard = inferRouterOutputs<AppRouter>["ideas"]["scorecards"][number];
const COLUMNS = ["noEvidence", "validate", "go", "park"] as const;
const STAGES = ["framing", "testing", "decided"] as const;

/** The ideas by verdict (columns) and validation stage (order within a column, and a label). */
export function IdeaBoard({ ideas, cards }: { ideas: { id: string; title: string }[]; cards: Scorecard[] }) {
  const t = useTranslations("ideas");
  const ws = useWorkspace();
  const cardOf = new Map(cards.map((c) => [c.id, c]));
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4" data-testid="idea-board">
      {COLUMNS.map((verdict) => {
        const inColumn = ideas
          .filter((i) => cardOf.get(i.id)?.verdict === verdict)
          .sort((a, b) => STAGES.indexOf(cardOf.get(a.id)!.stage) - STAGES.indexOf(cardOf.get(b.id)!.stage));
        return (
          <section key={verdict} aria-label={t(`report.verdict.${verdict}`)} data-testid={`board-${verdict}`}>
            <h2 className="mb-2 flex items-center gap-2 text-sm font-semibold">
              <VerdictBadge verdict={verdict} />
              <span className="text-fg-subtle">{inColumn.length}</span>
            </h2>
            <ul className="space-y-2">
              {inColumn.length === 0 && <li className="text-sm text-fg-subtle">{t("board.empty")}</li>}
              {inColumn.map((idea) => (
                <li key={idea.id}>
                  <Link href={`/w/${ws.slug}/ideas/${idea.id}`} className="group block">
                    <Card className="p-3 transition-colors group-hover:border-brand-500">
                      <p className="text-sm font-medium">{idea.title}</p>
                      <Badge className="mt-2">{t(`board.stage.${cardOf.get(idea.id)!.stage}`)}</Badge>
                    </Card>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
