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
import { Dialog } from "@/components/ui/dialog";
import { IdeaForm } from "./idea-form";

export function IdeasPage() {
  const t = useTranslations("ideas");
  const format = useFormatter();
  const ws = useWorkspace();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const ideas = useQuery(trpc.ideas.list.queryOptions({ workspaceId: ws.id }));
  const [open, setOpen] = useState(false);
  const create = useMutation(
    trpc.ideas.create.mutationOptions({
      onSuccess: (idea) => {
        void qc.invalidateQueries({ queryKey: trpc.ideas.list.queryKey() });
        setOpen(false);
        router.push(`/w/${ws.slug}/ideas/${idea.id}`);
      },
    }),
  );
  const newButton = ws.can("idea.write") && (
    <Button onClick={() => setOpen(true)}>{t("new")}</Button>
  );
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={newButton} />
      {ideas.data && ideas.data.length === 0 && (
        <EmptyState icon={<Lightbulb className="size-8" />} title={t("empty.title")} description={t("empty.description")} action={newButton} />
      )}
      <ul className="grid gap-4 sm:grid-cols-2">
        {(ideas.data ?? []).map((idea) => (
          <li key={idea.id}>
            <Link href={`/w/${ws.slug}/ideas/${idea.id}`} className="group block h-full">
              <Card className="h-full transition-colors group-hover:border-brand-500">
                <h2 className="font-semibold">{idea.title}</h2>
                {idea.summary && <p className="mt-1 line-clamp-2 text-sm text-fg-muted">{idea.summary}</p>}
                <p className="mt-3 text-xs text-fg-subtle">{format.dateTime(idea.updatedAt, { dateStyle: "medium" })}</p>
              </Card>
            </Link>
          </li>
        ))}
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
