"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Maximize2 } from "lucide-react";
import { useState } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/react";
import { Button } from "@/components/ui/button";
import { Alert, EmptyState, PageHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { useErrorMessage } from "@/components/ui/errors";
import { Lightbox } from "@/components/ui/lightbox";
import { ClassSelect } from "./class-select";
import { toggled } from "./toggled";

/** Thumbnails per class, served by the authenticated image route; select to move or delete. */
export function ImageBrowser({ prototypeId }: { prototypeId: string }) {
  const t = useTranslations("prototypes.images");
  const tl = useTranslations("common.lightbox");
  const [enlarged, setEnlarged] = useState<number | null>(null);
  const ws = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage("prototypes.dataErrors");
  const detail = useQuery(trpc.prototypes.get.queryOptions({ workspaceId: ws.id, prototypeId }));
  const [classId, setClassId] = useState<string | null>(null);
  const active = classId ?? detail.data?.classes[0]?.id ?? null;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [target, setTarget] = useState("");
  const images = useInfiniteQuery(
    trpc.prototypes.images.infiniteQueryOptions(
      { workspaceId: ws.id, prototypeId, classId: active ?? undefined, limit: 48 },
      { enabled: Boolean(active), getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const refresh = async () => {
    setSelected(new Set());
    await queryClient.invalidateQueries({ queryKey: trpc.prototypes.images.infiniteQueryKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.prototypes.get.queryKey() });
  };
  const relabel = useMutation(trpc.prototypes.relabelImages.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.prototypes.deleteImages.mutationOptions({ onSuccess: refresh }));
  const items = images.data?.pages.flatMap((p) => p.items) ?? [];
  const canWrite = ws.can("prototype.write");
  const toggle = (id: string) => setSelected((prev) => toggled(prev, id));
  const others = detail.data?.classes.filter((c) => c.id !== active) ?? [];
  return (
    <>
      <PageHeader
        title={t("title", { name: detail.data?.name ?? "" })}
        actions={
          <Link className="text-sm text-brand-700 hover:underline dark:text-brand-300" href={`/w/${ws.slug}/prototypes/${prototypeId}`}>
            {t("back")}
          </Link>
        }
      />
      <nav aria-label={t("classes")} className="mb-4 flex flex-wrap gap-2">
        {detail.data?.classes.map((c) => (
          <button
            key={c.id}
            type="button"
            aria-pressed={c.id === active}
            onClick={() => {
              setClassId(c.id);
              setSelected(new Set());
            }}
            className={cn(
              "rounded-full border px-3 py-1 text-sm",
              c.id === active ? "border-brand-600 bg-brand-50 text-fg dark:bg-brand-950" : "border-border text-fg-muted",
            )}
          >
            {c.name} ({c.imageCount})
          </button>
        ))}
      </nav>
      {canWrite && selected.size > 0 && (
        <div className="mb-4 flex flex-wrap items-center gap-2 rounded-md border border-border bg-muted p-2 text-sm">
          <span>{t("selected", { count: selected.size })}</span>
          <ClassSelect
            aria-label={t("moveTo")}
            classes={others}
            none={t("moveTo")}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
          />
          <Button
            size="sm"
            disabled={!target}
            loading={relabel.isPending}
            onClick={() => relabel.mutate({ workspaceId: ws.id, prototypeId, imageIds: [...selected], classId: target })}
          >
            {t("move")}
          </Button>
          <Button
            size="sm"
            variant="danger"
            loading={remove.isPending}
            onClick={() => {
              if (window.confirm(t("confirmDelete", { count: selected.size })))
                remove.mutate({ workspaceId: ws.id, prototypeId, imageIds: [...selected] });
            }}
          >
            {t("delete")}
          </Button>
        </div>
      )}
      {(relabel.error ?? remove.error ?? images.error) && (
        <Alert className="mb-4">{errorMessage(relabel.error ?? remove.error ?? images.error)}</Alert>
      )}
      {images.data && items.length === 0 && <EmptyState title={t("emptyTitle")} description={t("emptyDescription")} />}
      <ul className="grid grid-cols-3 gap-2 sm:grid-cols-4 md:grid-cols-6" data-testid="image-grid">
        {items.map((img, i) => (
          <li key={img.id} className="relative">
            <label
              className={cn(
                // The checkbox is visually hidden: its keyboard focus shows as a ring on the thumbnail.
                "block cursor-pointer overflow-hidden rounded-md border-2 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500 has-[:focus-visible]:ring-offset-2",
                selected.has(img.id) ? "border-brand-600" : "border-transparent",
              )}
            >
              {canWrite && (
                <input
                  type="checkbox"
                  className="sr-only"
                  checked={selected.has(img.id)}
                  onChange={() => toggle(img.id)}
                  aria-label={img.originalName}
                />
              )}
              <img
                src={`/api/prototypes/${prototypeId}/images/${img.id}?size=thumb`}
                alt={img.originalName}
                loading="lazy"
                className="aspect-square w-full object-cover"
              />
            </label>
            <button
              type="button"
              onClick={() => setEnlarged(i)}
              aria-label={tl("enlarge", { name: img.originalName })}
              className="absolute top-1 right-1 inline-flex size-7 items-center justify-center rounded bg-black/60 text-white hover:bg-black/80 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-500"
            >
              <Maximize2 className="size-4" aria-hidden />
            </button>
          </li>
        ))}
      </ul>
      <Lightbox
        images={items.map((img) => ({ id: img.id, name: img.originalName, src: `/api/prototypes/${prototypeId}/images/${img.id}` }))}
        index={enlarged}
        onIndexChange={setEnlarged}
      />
      {images.hasNextPage && (
        <Button className="mt-4" variant="secondary" loading={images.isFetchingNextPage} onClick={() => void images.fetchNextPage()}>
          {t("more")}
        </Button>
      )}
    </>
  );
}
