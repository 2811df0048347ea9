"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/react";
import { Badge } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { AppRouter } from "@/server/routers/_app";
import { modelKind } from "./model-words";

export type RunStatus = "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";

type RunsOutput = inferRouterOutputs<AppRouter>["runs"];
/** A run as the runs list sends it (headline figures and their evidence, no per-image data). */
export type RunSummary = RunsOutput["list"][number];
/** A run as its results page reads it. */
export type RunDetail = RunsOutput["get"];
export type RunEvidence = NonNullable<RunSummary["evidence"]>;
export type Interval = RunEvidence["accuracy"];
export type EpochPoint = RunDetail["curves"][number];

export const pct = (v: number | null | undefined) => (v === null || v === undefined ? "—" : `${(v * 100).toFixed(1)} %`);

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${s % 60} s`;
}

/**
 * The model a run builds on, in the founder's words ("MobileNet v2, pretrained on ImageNet photos");
 * an id this page does not know keeps the catalog's title.
 */
export function useModelName() {
  const t = useTranslations("prototypes.model");
  return (backboneId: string | null | undefined, title?: string | null): string => {
    const kind = modelKind(backboneId);
    return kind === "other" ? (title ?? backboneId ?? "—") : t(kind);
  };
}

/** The TF.js backend's device in the page's language ("wasm" → "CPU (WebAssembly, …)"); unknown ones keep the server's words. */
export function useDeviceName() {
  const t = useTranslations("prototypes.backend.devices");
  return (backend: string | null | undefined, device?: string | null): string => {
    const key = backend === "tensorflow-gpu" ? "tensorflowGpu" : (backend ?? "");
    return t.has(key) ? t(key) : (device ?? backend ?? "—");
  };
}

/** A run's training settings as labelled values in the page's language (was a raw "seed=42, epochs=30, …"). */
export function useSettingsRows() {
  const t = useTranslations("prototypes.settingNames");
  return (settings: object | null | undefined): { label: string; value: string }[] =>
    Object.entries(settings ?? {}).map(([key, v]) => ({
      label: t.has(key) ? t(key) : key,
      value:
        typeof v === "boolean"
          ? t(v ? "yes" : "no")
          : key === "mode" && t.has(`modes.${String(v)}`)
            ? t(`modes.${String(v)}`)
            : (key === "validationShare" || key === "testShare") && typeof v === "number"
              ? `${Math.round(v * 100)} %`
              : String(v),
    }));
}

export function StatusBadge({ status }: { status: RunStatus }) {
  const t = useTranslations("prototypes.runs.status");
  const tone = status === "SUCCEEDED" ? "good" : status === "FAILED" ? "bad" : status === "CANCELLED" ? "neutral" : "brand";
  return <Badge tone={tone}>{t(status)}</Badge>;
}

/** "Prototypes / <name>" above a prototype's sub-page title, so the page says which prototype it is about. */
export function PrototypeCrumb({ prototypeId }: { prototypeId: string }) {
  const t = useTranslations("prototypes.runs.tabs");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const detail = useQuery(trpc.prototypes.get.queryOptions({ workspaceId: ws.id, prototypeId }));
  return (
    <nav aria-label={t("crumbLabel")} className="mb-1 flex min-h-5 flex-wrap gap-1 text-sm text-fg-muted" data-testid="prototype-crumb">
      <Link href={`/w/${ws.slug}/prototypes`} className="hover:text-fg hover:underline">
        {t("all")}
      </Link>
      {detail.data && (
        <>
          <span aria-hidden>/</span>
          <Link href={`/w/${ws.slug}/prototypes/${prototypeId}`} className="font-medium text-fg hover:underline">
            {detail.data.name}
          </Link>
        </>
      )}
    </nav>
  );
}

/** Train / runs / predict tabs of one prototype. */
export function RunTabs({ prototypeId }: { prototypeId: string }) {
  const t = useTranslations("prototypes.runs.tabs");
  const ws = useWorkspace();
  const pathname = usePathname();
  const base = `/w/${ws.slug}/prototypes/${prototypeId}`;
  const tabs = [
    { href: base, label: t("overview"), exact: true },
    { href: `${base}/train`, label: t("train") },
    { href: `${base}/runs`, label: t("runs") },
    { href: `${base}/predict`, label: t("predict") },
    { href: `${base}/review`, label: t("review") },
  ];
  return (
    <nav aria-label={t("label")} className="mb-6 flex gap-1 overflow-x-auto border-b border-border">
      {tabs.map((tab) => {
        const active = tab.exact ? pathname === tab.href : pathname.startsWith(tab.href);
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "-mb-px shrink-0 border-b-2 px-3 py-2 text-sm",
              active ? "border-brand-600 font-medium text-fg" : "border-transparent text-fg-muted hover:text-fg",
            )}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
