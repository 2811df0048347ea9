"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/react";
import { cn } from "@/components/ui/cn";
import { Lightbox } from "@/components/ui/lightbox";
import { ScrollRegion } from "@/components/ui/scroll-region";

/**
 * Rows: true class; columns: predicted class. Clicking a cell lists the
 * validation images behind it (the mistakes are usually the interesting part).
 */
export function ConfusionMatrix({
  prototypeId,
  runId,
  classes,
  matrix,
}: {
  prototypeId: string;
  runId: string;
  classes: string[];
  matrix: number[][];
}) {
  const t = useTranslations("prototypes.results.confusion");
  const [cell, setCell] = useState<{ truth: number; predicted: number } | null>(null);
  const max = Math.max(1, ...matrix.flat());
  return (
    <div className="space-y-4">
      <ScrollRegion label={t("label")}>
        <table className="border-collapse text-sm" aria-label={t("label")}>
          <thead>
            <tr>
              <th className="p-2 text-left text-xs font-normal text-fg-subtle">
                {t("truth")} ↓ / {t("predicted")} →
              </th>
              {classes.map((c) => (
                <th key={c} scope="col" className="p-2 text-xs font-medium text-fg-muted">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.map((row, truth) => (
              <tr key={truth}>
                <th scope="row" className="p-2 text-left text-xs font-medium text-fg-muted">
                  {classes[truth]}
                </th>
                {row.map((count, predicted) => {
                  const selected = cell?.truth === truth && cell.predicted === predicted;
                  const intensity = count / max;
                  return (
                    <td key={predicted} className="p-0.5">
                      <button
                        type="button"
                        disabled={count === 0}
                        onClick={() => setCell({ truth, predicted })}
                        aria-pressed={selected}
                        aria-label={t("cellLabel", { count, truth: classes[truth] ?? "", predicted: classes[predicted] ?? "" })}
                        data-testid={`confusion-cell-${truth}-${predicted}`}
                        className={cn(
                          "h-12 w-16 rounded text-sm tabular-nums transition",
                          truth === predicted ? "text-emerald-950" : "text-rose-950",
                          count === 0 ? "cursor-default bg-muted text-fg-subtle" : "hover:ring-2 hover:ring-brand-500",
                          selected && "ring-2 ring-brand-600",
                        )}
                        style={
                          count > 0
                            ? {
                                backgroundColor:
                                  truth === predicted
                                    ? `rgba(16,185,129,${0.2 + 0.6 * intensity})`
                                    : `rgba(244,63,94,${0.2 + 0.6 * intensity})`,
                              }
                            : undefined
                        }
                      >
                        {count}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {cell && <CellImages prototypeId={prototypeId} runId={runId} truth={cell.truth} predicted={cell.predicted} classes={classes} />}
    </div>
  );
}

function CellImages({
  prototypeId,
  runId,
  truth,
  predicted,
  classes,
}: {
  prototypeId: string;
  runId: string;
  truth: number;
  predicted: number;
  classes: string[];
}) {
  const t = useTranslations("prototypes.results.confusion");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const images = useQuery(trpc.runs.cellImages.queryOptions({ workspaceId: ws.id, runId, truth, predicted }));
  const tl = useTranslations("common.lightbox");
  const [enlarged, setEnlarged] = useState<number | null>(null);
  return (
    <section aria-live="polite" className="rounded-md border border-border p-3" data-testid="confusion-cell-images">
      <h4 className="mb-2 text-sm font-medium text-fg">
        {t("behind", { truth: classes[truth] ?? "", predicted: classes[predicted] ?? "" })}
      </h4>
      {images.isLoading && <p className="text-sm text-fg-muted">{t("loading")}</p>}
      {images.data && images.data.length === 0 && <p className="text-sm text-fg-muted">{t("none")}</p>}
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4 md:grid-cols-6">
        {images.data?.map((image, i) => (
          <li key={image.id} title={image.originalName}>
            <button
              type="button"
              onClick={() => setEnlarged(i)}
              aria-label={tl("enlarge", { name: image.originalName })}
              className="block w-full overflow-hidden rounded border border-border bg-muted text-left text-xs text-fg-muted hover:border-brand-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
            >
              <img
                src={`/api/prototypes/${prototypeId}/images/${image.id}?size=thumb`}
                alt=""
                loading="lazy"
                className="aspect-square w-full object-cover"
              />
              <span className="block truncate px-2 py-1">{image.originalName}</span>
            </button>
          </li>
        ))}
      </ul>
      <Lightbox
        images={(images.data ?? []).map((image) => ({
          id: image.id,
          name: image.originalName,
          src: `/api/prototypes/${prototypeId}/images/${image.id}`,
        }))}
        index={enlarged}
        onIndexChange={setEnlarged}
      />
    </section>
  );
}
