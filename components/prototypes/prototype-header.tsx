"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/react";
import { PageHeader } from "@/components/ui/card";
import { RunTabs } from "./run-shared";

/**
 * The one header of a prototype's tabs (images, train, runs, try it): the way back, its name and
 * question, its links and the tabs. Every tab renders the same header, so switching tabs never
 * moves the tabs; what a tab is for sits below them as `intro`.
 */
export function PrototypeHeader({ prototypeId, intro }: { prototypeId: string; intro?: string }) {
  const t = useTranslations("prototypes.list");
  const tabs = useTranslations("prototypes.runs.tabs");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const detail = useQuery(trpc.prototypes.get.queryOptions({ workspaceId: ws.id, prototypeId }));
  const p = detail.data;
  const total = p?.classes.reduce((s, c) => s + c.imageCount, 0) ?? 0;
  const base = `/w/${ws.slug}/prototypes/${prototypeId}`;
  return (
    <>
      <nav aria-label={tabs("crumbLabel")} className="mb-1 text-sm text-fg-muted" data-testid="prototype-crumb">
        <Link href={`/w/${ws.slug}/prototypes`} className="hover:text-fg hover:underline">
          {tabs("all")}
        </Link>
      </nav>
      <PageHeader
        // A non-breaking space holds the heading's height until the name arrives.
        title={p?.name ?? "\u00a0"}
        description={p?.question || undefined}
        actions={
          p && (
            <div className="flex gap-4 text-sm font-medium">
              <Link className="text-brand-700 hover:underline dark:text-brand-300" href={`${base}/images`}>
                {t("browseImages", { count: total })}
              </Link>
              <Link className="text-brand-700 hover:underline dark:text-brand-300" href={`${base}/settings`}>
                {t("settings")}
              </Link>
            </div>
          )
        }
      />
      <RunTabs prototypeId={prototypeId} />
      {intro && <p className="-mt-3 mb-6 text-sm text-fg-muted">{intro}</p>}
    </>
  );
}
