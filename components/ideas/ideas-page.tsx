"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Lightbulb } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { Dialog } from "@/components/ui/dialog";
import { IdeaForm } from "./idea-form";
import { IdeaBoard } from "./idea-board";
import { VerdictBadge } from "./verdict-badge";

export function IdeasPage() {
  const t = useTranslations("ideas");
  const format = useFormatter();
  const ws = useWorkspace();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const ideas = useQuery(trpc.ideas.list.queryOptions({ workspaceId: ws.id }));
  // Verdicts come separately: each is a full evaluation, and the list should not wait for them.
  const scorecards = useQuery(trpc.ideas.scorecards.queryOptions({ workspaceId: ws.id }));
  const cardOf = new Map((scorecards.data ?? []).map((c) => [c.id, c]));
  const [order, setOrder] = useState<"recent" | "ready">("recent");
  const [view, setView] = useState<"cards" | "board">("cards");
  const shown = [...(ideas.data ?? [])].sort((a, b) =>
    order === "ready" ? (cardOf.get(b.id)?.readiness ?? -1) - (cardOf.get(a.id)?.readiness ?? -1) : 0,
  );
  const [open, setOpen] = useState(false);
  const create = useMutation(
    trpc.ideas.create.mutationOptions({
      onSuccess: (idea) => {
        void qc.invalidateQueries({ queryKey: trpc.ideas.pathKey() });
        setOpen(false);
        router.push(`/w/${ws.slug}/ideas/${idea.id}`);
      },
    }),
  );
  const newButton = ws.can("idea.write") && <Button onClick={() => setOpen(true)}>{t("new")}</Button>;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={newButton} />
      {ideas.data && ideas.data.length === 0 && (
        <EmptyState
          icon={<Lightbulb className="size-8" />}
          title={t("empty.title")}
          description={t("empty.description")}
          action={newButton}
        />
      )}
      {(ideas.data?.length ?? 0) > 0 && (
        <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
          <div role="group" className="inline-flex rounded-md border border-border" aria-label={t("board.title")}>
            {(["cards", "board"] as const).map((v) => (
              <button
                key={v}
                type="button"
                aria-pressed={view === v}
                className={view === v ? "bg-muted px-3 py-1 font-medium" : "px-3 py-1 text-fg-muted"}
                onClick={() => setView(v)}
              >
                {t(`list.${v}`)}
              </button>
            ))}
          </div>
          <label htmlFor="idea-order" className="text-fg-muted">
            {t("list.order")}
          </label>
          <Select id="idea-order" value={order} onChange={(e) => setOrder(e.target.value as "recent" | "ready")}>
            <option value="recent">{t("list.recent")}</option>
            <option value="ready">{t("list.ready")}</option>
          </Select>
        </div>
      )}
      {view === "board" && <IdeaBoard ideas={shown} cards={scorecards.data ?? []} />}
      <ul className={view === "board" ? "hidden" : "grid grid-cols-1 gap-4 sm:grid-cols-2"} data-testid="idea-list">
        {shown.map((idea) => {
          const card = cardOf.get(idea.id);
          return (
            <li key={idea.id}>
              <Link href={`/w/${ws.slug}/ideas/${idea.id}`} className="group block h-full">
                <Card className="h-full transition-colors group-hover:border-brand-500">
                  <div className="flex items-start justify-between gap-2">
                    <h2 className="font-semibold">{idea.title}</h2>
                    {card && <VerdictBadge verdict={card.verdict} />}
                  </div>
                  {idea.summary && <p className="mt-1 line-clamp-2 text-sm text-fg-muted">{idea.summary}</p>}
                  {card && (
                    <dl className="mt-3 grid grid-cols-4 gap-2 text-xs" data-testid="idea-scorecard">
                      {(
                        [
                          ["readiness", card.readiness],
                          ["team", card.scores.team],
                          ["opportunity", card.scores.opportunity],
                          ["proof", card.scores.proof],
                        ] as const
                      ).map(([key, value]) => (
                        <div key={key}>
                          <dt className="text-fg-subtle">{key === "readiness" ? t("report.readiness") : t(`report.pillars.${key}`)}</dt>
                          <dd className="font-medium tabular-nums text-fg">{value ?? "—"}</dd>
                        </div>
                      ))}
                    </dl>
                  )}
                  <p className="mt-3 text-xs text-fg-subtle">{format.dateTime(idea.updatedAt, { dateStyle: "medium" })}</p>
                </Card>
              </Link>
            </li>
          );
        })}
      </ul>
      <Dialog open={open} onOpenChange={setOpen} title={t("new")}>
        <IdeaForm
          submitLabel={t("form.create")}
          pending={create.isPending}
          error={create.error}
          onCancel={() => setOpen(false)}
          onSubmit={(v) => create.mutate({ workspaceId: ws.id, ...v })}
        />
      </Dialog>
    </>
  );
}
