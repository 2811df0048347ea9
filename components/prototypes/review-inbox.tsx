"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/react";
import { Alert, Badge, EmptyState } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { useErrorMessage } from "@/components/ui/errors";
import { Input, Select } from "@/components/ui/field";
import { FieldAccuracyCard } from "./field-loop";
import { PrototypeHeader } from "./prototype-header";
import { ClassSelect } from "./class-select";
import { toggled } from "./toggled";

type Action = "confirm" | "correct" | "none" | "discard";
const SOURCES = ["tryIt", "api", "batch"] as const;

/** Which verdict a key gives: Enter/Y confirm, 1–9 a class, 0 none of these, X discard. */
export function keyToVerdict(key: string, classCount: number): { action: Action; classIndex?: number } | null {
  if (key === "Enter" || key === "y" || key === "Y") return { action: "confirm" };
  if (key === "0") return { action: "none" };
  if (key === "x" || key === "X") return { action: "discard" };
  const n = Number(key);
  if (Number.isInteger(n) && n >= 1 && n <= Math.min(9, classCount)) return { action: "correct", classIndex: n - 1 };
  return null;
}

/** The review inbox: kept predictions, most useful first, one keystroke per picture. */
export function ReviewInbox({ prototypeId }: { prototypeId: string }) {
  const t = useTranslations("prototypes.field");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage("prototypes.dataErrors");
  const [view, setView] = useState<"pending" | "reviewed">("pending");
  const [label, setLabel] = useState("");
  const [source, setSource] = useState<"" | (typeof SOURCES)[number]>("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [active, setActive] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const cards = useRef<Array<HTMLDivElement | null>>([]);

  const detail = useQuery(trpc.prototypes.get.queryOptions({ workspaceId: ws.id, prototypeId }));
  const inbox = useQuery(
    trpc.fieldLoop.inbox.queryOptions({
      workspaceId: ws.id,
      prototypeId,
      view,
      ...(label ? { label } : {}),
      ...(source ? { source } : {}),
      ...(from ? { from: new Date(`${from}T00:00:00`) } : {}),
      ...(to ? { to: new Date(`${to}T23:59:59.999`) } : {}),
    }),
  );
  const review = useMutation(
    trpc.fieldLoop.review.mutationOptions({
      onSuccess: async () => {
        setSelected(new Set());
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.fieldLoop.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.prototypes.get.queryKey() }),
        ]);
      },
    }),
  );
  const classes = detail.data?.classes ?? [];
  const items = useMemo(() => inbox.data?.items ?? [], [inbox.data]);
  const canWrite = ws.can("prototype.write");

  // Keep the active card in range and focused after the list changes (a reviewed one leaves it).
  useEffect(() => {
    if (items.length === 0) return;
    const index = Math.min(active, items.length - 1);
    if (index !== active) setActive(index);
    if (cards.current.some((c) => c === document.activeElement)) cards.current[index]?.focus();
  }, [items, active]);

  const decide = (ids: string[], action: Action, classId?: string) => {
    if (!canWrite || ids.length === 0) return;
    review.mutate({ workspaceId: ws.id, prototypeId, ids, action, ...(classId ? { classId } : {}) });
  };

  const onKey = (e: React.KeyboardEvent, index: number, id: string) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === "ArrowDown" || e.key === "ArrowRight" || e.key === "j") {
      e.preventDefault();
      const next = Math.min(index + 1, items.length - 1);
      setActive(next);
      cards.current[next]?.focus();
      return;
    }
    if (e.key === "ArrowUp" || e.key === "ArrowLeft" || e.key === "k") {
      e.preventDefault();
      const prev = Math.max(index - 1, 0);
      setActive(prev);
      cards.current[prev]?.focus();
      return;
    }
    const verdict = keyToVerdict(e.key, classes.length);
    if (!verdict || view !== "pending") return;
    e.preventDefault();
    decide([id], verdict.action, verdict.classIndex !== undefined ? classes[verdict.classIndex]?.id : undefined);
  };

  const toggle = (id: string) => setSelected((prev) => toggled(prev, id));

  return (
    <>
      <PrototypeHeader prototypeId={prototypeId} intro={t("inboxIntro")} />
      <div className="space-y-4">
        <h2 className="text-lg font-semibold">{t("inboxTitle")}</h2>
        <FieldAccuracyCard prototypeId={prototypeId} />
        <div className="flex flex-wrap items-end gap-3" role="group" aria-label={t("inboxTitle")}>
          <div className="flex gap-1">
            {(["pending", "reviewed"] as const).map((v) => (
              <Button key={v} size="sm" variant={view === v ? "primary" : "secondary"} aria-pressed={view === v} onClick={() => setView(v)}>
                {v === "pending" ? t("viewPending") : t("viewReviewed")}
              </Button>
            ))}
          </div>
          <label className="text-sm text-fg-muted">
            {t("filterClass")}
            <ClassSelect
              classes={classes}
              valueBy="name"
              none={t("filterAll")}
              value={label}
              onChange={(e) => setLabel(e.target.value)}
              className="mt-1 w-40"
            />
          </label>
          <label className="text-sm text-fg-muted">
            {t("filterSource")}
            <Select value={source} onChange={(e) => setSource(e.target.value as typeof source)} className="mt-1 w-36">
              <option value="">{t("filterAll")}</option>
              {SOURCES.map((s) => (
                <option key={s} value={s}>
                  {t(`source${s}`)}
                </option>
              ))}
            </Select>
          </label>
          <label className="text-sm text-fg-muted">
            {t("filterFrom")}
            <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} className="mt-1 w-40" />
          </label>
          <label className="text-sm text-fg-muted">
            {t("filterTo")}
            <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} className="mt-1 w-40" />
          </label>
        </div>
        {view === "pending" && canWrite && <p className="text-sm text-fg-muted">{t("keysHelp")}</p>}
        {(inbox.error || review.error) && <Alert>{errorMessage(inbox.error ?? review.error)}</Alert>}
        {view === "pending" && canWrite && items.length > 0 && (
          <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="bulk-bar">
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                className="size-5 accent-brand-600"
                checked={selected.size > 0 && selected.size === items.length}
                onChange={(e) => setSelected(e.target.checked ? new Set(items.map((i) => i.id)) : new Set())}
              />
              {t("selectAll")}
            </label>
            <span className="text-fg-muted">{t("selected", { count: selected.size })}</span>
            <Button size="sm" variant="secondary" disabled={selected.size === 0} onClick={() => decide([...selected], "confirm")}>
              {t("bulkConfirm")}
            </Button>
            <Button size="sm" variant="secondary" disabled={selected.size === 0} onClick={() => decide([...selected], "none")}>
              {t("bulkNone")}
            </Button>
            <Button size="sm" variant="secondary" disabled={selected.size === 0} onClick={() => decide([...selected], "discard")}>
              {t("bulkDiscard")}
            </Button>
            <ClassSelect
              aria-label={t("bulkCorrect")}
              classes={classes}
              none={t("bulkCorrect")}
              value=""
              disabled={selected.size === 0}
              className="h-8 w-44"
              onChange={(e) => e.target.value && decide([...selected], "correct", e.target.value)}
            />
          </div>
        )}
        {inbox.data && items.length === 0 ? (
          <EmptyState title={t("empty")} description={t("emptyHint")} />
        ) : (
          <>
            {inbox.data && <p className="text-xs text-fg-muted">{t("total", { shown: items.length, total: inbox.data.total })}</p>}
            <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="inbox-list">
              {items.map((item, index) => (
                <li key={item.id}>
                  <div
                    ref={(el: HTMLDivElement | null) => {
                      cards.current[index] = el;
                    }}
                    tabIndex={index === active ? 0 : -1}
                    onFocus={() => setActive(index)}
                    onKeyDown={(e) => onKey(e, index, item.id)}
                    aria-label={t("answer", { label: item.predictedLabel, confidence: Math.round(item.confidence * 100) })}
                    data-testid="inbox-item"
                    className={cn(
                      "space-y-2 rounded-lg border border-border bg-surface p-3 shadow-xs outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2",
                      index === active && "border-brand-400",
                    )}
                  >
                    <div className="flex items-start gap-2">
                      {view === "pending" && canWrite && (
                        <input
                          type="checkbox"
                          aria-label={t("selected", { count: 1 })}
                          className="mt-1 size-5 shrink-0 accent-brand-600"
                          checked={selected.has(item.id)}
                          onChange={() => toggle(item.id)}
                        />
                      )}
                      <img
                        src={`/api/prototypes/${prototypeId}/kept/${item.id}`}
                        alt=""
                        className="h-32 w-full rounded-md bg-muted object-contain"
                        loading="lazy"
                      />
                    </div>
                    <p className="text-sm font-medium text-fg">
                      {t("answer", { label: item.predictedLabel, confidence: Math.round(item.confidence * 100) })}
                    </p>
                    <div className="flex flex-wrap gap-1">
                      {item.reasons.map((r) => (
                        <Badge key={r} tone={r === "randomSample" ? "brand" : "warn"}>
                          {t(`reason${r}`)}
                        </Badge>
                      ))}
                      <Badge>{t(`source${item.source as (typeof SOURCES)[number]}`)}</Badge>
                      <Badge>{t("runVersion", { version: item.runVersion })}</Badge>
                    </div>
                    {view === "reviewed" ? (
                      <p className="text-sm text-fg-muted" data-testid="inbox-status">
                        {item.status === "CORRECTED"
                          ? t("statusCORRECTED", { label: item.reviewedLabel ?? "" })
                          : t(`status${item.status as "CONFIRMED"}`)}
                      </p>
                    ) : (
                      canWrite && (
                        <div className="flex flex-wrap gap-1">
                          <Button size="sm" onClick={() => decide([item.id], "confirm")} disabled={review.isPending}>
                            {t("confirm")}
                          </Button>
                          {classes
                            .filter((c) => c.name !== item.predictedLabel)
                            .map((c) => (
                              <Button
                                key={c.id}
                                size="sm"
                                variant="secondary"
                                disabled={review.isPending}
                                onClick={() => decide([item.id], "correct", c.id)}
                              >
                                {classes.indexOf(c) < 9 ? `${classes.indexOf(c) + 1} · ` : ""}
                                {c.name}
                              </Button>
                            ))}
                          <Button size="sm" variant="secondary" disabled={review.isPending} onClick={() => decide([item.id], "none")}>
                            0 · {t("noneOfThese")}
                          </Button>
                          <Button size="sm" variant="ghost" disabled={review.isPending} onClick={() => decide([item.id], "discard")}>
                            X · {t("discard")}
                          </Button>
                        </div>
                      )
                    )}
                  </div>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </>
  );
}
