"use client";

import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTRPC, useTRPCClient } from "@/components/trpc/react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Alert, Card, PageHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { useErrorMessage } from "@/components/ui/errors";
import { assessmentPages, estimatedSecondsLeft, type QuestionnaireItem } from "@/server/assessment/items";
import { useInstrumentText } from "./labels";

type AnswerValue = number | string;
type SaveState = { kind: "idle" } | { kind: "saving" } | { kind: "saved"; at: Date } | { kind: "error"; error: unknown };

const AUTOSAVE_DELAY_MS = 400;

/**
 * The questionnaire: one page per dimension, native radio groups (Tab between questions, arrow
 * keys within one), every change autosaved a moment later, and on return the founder lands on
 * the page they left with the first unanswered question in view.
 */
export function Questionnaire() {
  const t = useTranslations("assessment.take");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const errorMessage = useErrorMessage("assessment.errors");

  const start = useMutation(trpc.assessment.start.mutationOptions());
  const startAttempt = start.mutate;
  useEffect(() => startAttempt({ workspaceId: ws.id }), [startAttempt, ws.id]);
  const attempt = start.data;
  const instrument = useQuery({
    ...trpc.assessment.instrument.queryOptions(attempt ? { workspaceId: ws.id, version: attempt.instrumentVersion } : skipToken),
    staleTime: Infinity,
  });
  const labels = useInstrumentText(instrument.data);

  const [answers, setAnswers] = useState<Record<string, AnswerValue>>({});
  const [page, setPage] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const [showMissing, setShowMissing] = useState<string[] | null>(null);
  const [saveState, setSaveState] = useState<SaveState>({ kind: "idle" });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (attempt && !loaded) {
      setAnswers(attempt.answers);
      setPage(attempt.currentPage);
      setLoaded(true);
    }
  }, [attempt, loaded]);

  const pages = useMemo(() => (instrument.data ? assessmentPages(instrument.data) : []), [instrument.data]);
  const allItems = useMemo(() => pages.flatMap((p, pageIndex) => p.items.map((item) => ({ item, pageIndex }))), [pages]);
  const numberOf = useMemo(() => new Map(allItems.map(({ item }, i) => [item.id, i + 1])), [allItems]);
  const answeredIds = useMemo(() => new Set(Object.keys(answers)), [answers]);
  const total = allItems.length;
  const answered = allItems.filter(({ item }) => answeredIds.has(item.id)).length;
  const secondsLeft = instrument.data ? estimatedSecondsLeft(instrument.data, answeredIds) : 0;

  /* ── Autosave: a queue of pending answers, flushed one request at a time ── */
  // The plain client, not a mutation hook: a save started as the page unmounts must still finish.
  const client = useTRPCClient();
  const saveAsync = client.assessment.save.mutate;
  const pending = useRef<{ answers: Record<string, AnswerValue>; page?: number }>({ answers: {} });
  const chain = useRef<Promise<void>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = useCallback((): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    chain.current = chain.current.then(async () => {
      if (!attempt) return;
      const batch = pending.current;
      if (Object.keys(batch.answers).length === 0 && batch.page === undefined) return;
      pending.current = { answers: {} };
      setSaveState({ kind: "saving" });
      try {
        const saved = await saveAsync({ workspaceId: ws.id, attemptId: attempt.id, answers: batch.answers, currentPage: batch.page });
        const more = Object.keys(pending.current.answers).length > 0 || pending.current.page !== undefined;
        setSaveState(more ? { kind: "saving" } : { kind: "saved", at: saved.savedAt });
      } catch (error) {
        // Put the batch back under anything newer, so a retry sends the latest of each answer.
        pending.current = { answers: { ...batch.answers, ...pending.current.answers }, page: pending.current.page ?? batch.page };
        setSaveState({ kind: "error", error });
      }
    });
    return chain.current;
  }, [attempt, saveAsync, ws.id]);

  const schedule = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
  }, [flush]);

  const unsaved = saveState.kind === "saving" || saveState.kind === "error";
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (unsaved || Object.keys(pending.current.answers).length > 0) e.preventDefault();
    };
    // Leaving the tab (or closing it on a phone) is the last reliable moment to save.
    const hide = () => {
      if (document.visibilityState === "hidden") void flush();
    };
    window.addEventListener("beforeunload", warn);
    document.addEventListener("visibilitychange", hide);
    return () => {
      window.removeEventListener("beforeunload", warn);
      document.removeEventListener("visibilitychange", hide);
    };
  }, [unsaved, flush]);
  // Navigating elsewhere in the app unmounts the questionnaire: send what is pending.
  const flushRef = useRef(flush);
  useEffect(() => {
    flushRef.current = flush;
  }, [flush]);
  useEffect(() => () => void flushRef.current(), []);

  const answer = (itemId: string, value: AnswerValue) => {
    setAnswers((a) => ({ ...a, [itemId]: value }));
    setSaveState({ kind: "saving" }); // unsaved until the debounced save lands
    pending.current.answers[itemId] = value;
    setShowMissing((missing) => missing?.filter((id) => id !== itemId) ?? null);
    schedule();
  };

  const goTo = (next: number, focusItem?: string) => {
    setPage(next);
    pending.current.page = next;
    void flush();
    requestAnimationFrame(() => {
      const target = focusItem ? document.getElementById(`item-${focusItem}`) : null;
      if (target) {
        target.scrollIntoView({ block: "center" });
        target.querySelector<HTMLInputElement>("input:checked, input")?.focus();
      } else {
        headingRef.current?.focus();
        window.scrollTo({ top: 0 });
      }
    });
  };

  // On resume, bring the first unanswered question of the page into view (without moving focus).
  const resumedScroll = useRef(false);
  useEffect(() => {
    if (!loaded || !pages.length || resumedScroll.current) return;
    resumedScroll.current = true;
    const first = pages[page]?.items.find((item) => !(item.id in answers));
    if (first && Object.keys(answers).length > 0) document.getElementById(`item-${first.id}`)?.scrollIntoView({ block: "center" });
  }, [loaded, pages, page, answers]);

  const submit = useMutation(trpc.assessment.submit.mutationOptions());
  const onSubmit = async () => {
    const missing = allItems.filter(({ item }) => !(item.id in answers)).map(({ item }) => item.id);
    if (missing.length) {
      setShowMissing(missing);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    await flush();
    if (!attempt) return;
    try {
      const { attemptId } = await submit.mutateAsync({ workspaceId: ws.id, attemptId: attempt.id });
      await qc.invalidateQueries({ queryKey: trpc.assessment.current.queryKey() });
      await qc.invalidateQueries({ queryKey: trpc.assessment.history.queryKey() });
      router.push(`/w/${ws.slug}/assessment/results/${attemptId}`);
    } catch (error) {
      const details =
        error instanceof TRPCClientError ? (error.data as { details?: { missing?: string[] } } | undefined)?.details : undefined;
      if (details?.missing?.length) {
        setShowMissing(details.missing);
        requestAnimationFrame(() => summaryRef.current?.focus());
      }
    }
  };

  if (start.error) return <Alert>{errorMessage(start.error)}</Alert>;
  if (!instrument.data || !loaded) return <p className="text-sm text-fg-muted">{t("loading")}</p>;

  const current = pages[page];
  const missingSet = new Set(showMissing ?? []);
  const pageOf = new Map(allItems.map(({ item, pageIndex }) => [item.id, pageIndex]));
  const itemById = new Map(allItems.map(({ item }) => [item.id, item]));

  return (
    <>
      <PageHeader title={t("title")} />
      <div className="sticky top-0 z-10 -mx-4 mb-6 border-b border-border bg-bg/95 px-4 py-3 backdrop-blur md:-mx-8 md:px-8">
        <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
          <span className="font-medium">{t("progress", { answered, total })}</span>
          <span className="text-fg-muted">
            {secondsLeft >= 60 ? t("timeLeft", { minutes: Math.ceil(secondsLeft / 60) }) : secondsLeft > 0 ? t("timeLeftUnderOne") : ""}
          </span>
          <SaveStatus state={saveState} onRetry={() => void flush()} errorMessage={errorMessage} />
        </div>
        <div
          className="mt-2 h-2 w-full rounded-full bg-muted"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={answered}
          aria-label={t("progress", { answered, total })}
        >
          <div
            className="h-full rounded-full bg-brand-600 transition-[width]"
            style={{ width: `${(answered / Math.max(total, 1)) * 100}%` }}
          />
        </div>
        <ol className="mt-3 flex flex-wrap gap-2">
          {pages.map((p, i) => {
            const done = p.items.filter((item) => item.id in answers).length;
            return (
              <li key={p.dimension}>
                <button
                  type="button"
                  onClick={() => goTo(i)}
                  aria-current={i === page ? "step" : undefined}
                  className={cn(
                    "rounded-full border px-3 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-brand-500",
                    i === page ? "border-brand-600 bg-brand-600 text-white" : "border-border bg-surface text-fg-muted hover:bg-muted",
                  )}
                >
                  {labels.dimensionName(p.dimension)} · {done}/{p.items.length}
                </button>
              </li>
            );
          })}
        </ol>
      </div>

      {showMissing && showMissing.length > 0 && (
        <div
          ref={summaryRef}
          tabIndex={-1}
          role="alert"
          className="mb-6 rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900 focus:outline-2 focus:outline-red-500 dark:border-red-800 dark:bg-red-950/40 dark:text-red-100"
        >
          <p className="font-semibold">{t("unansweredTitle", { count: showMissing.length })}</p>
          <p className="mt-1">{t("unansweredBody")}</p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {showMissing.map((id) => {
              const item = itemById.get(id);
              const p = pageOf.get(id) ?? 0;
              return (
                <li key={id}>
                  <button type="button" className="text-left underline" onClick={() => goTo(p, id)}>
                    {t("unansweredItem", { page: p + 1, text: `${numberOf.get(id) ?? ""}. ${item ? itemLabel(item, labels.text) : id}` })}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}

      {page === 0 && (
        <Card className="mb-6">
          <h2 className="text-sm font-semibold">{t("instructionsTitle")}</h2>
          <p className="mt-1 text-sm text-fg-muted">{labels.text(instrument.data.instructions)}</p>
        </Card>
      )}

      {current && (
        <section aria-labelledby="page-heading">
          <h2 id="page-heading" ref={headingRef} tabIndex={-1} className="mb-4 text-lg font-semibold focus:outline-none">
            {t("pageOf", { page: page + 1, pages: pages.length, dimension: labels.dimensionName(current.dimension) })}
          </h2>
          <div className="space-y-4">
            {current.items.map((item) => (
              <ItemField
                key={item.id}
                item={item}
                number={numberOf.get(item.id) ?? 0}
                value={answers[item.id]}
                missing={missingSet.has(item.id)}
                scaleLabels={instrument.data.scale.labels.map(labels.text)}
                prompt={labels.text(instrument.data.situationalPrompt)}
                text={labels.text}
                onAnswer={(v) => answer(item.id, v)}
              />
            ))}
          </div>
        </section>
      )}

      <div className="mt-8 flex flex-wrap items-center justify-between gap-3">
        <Button variant="secondary" onClick={() => goTo(page - 1)} disabled={page === 0}>
          {t("previous")}
        </Button>
        {page < pages.length - 1 ? (
          <Button onClick={() => goTo(page + 1)}>{t("next")}</Button>
        ) : (
          <Button onClick={() => void onSubmit()} loading={submit.isPending}>
            {submit.isPending ? t("submitting") : t("submit")}
          </Button>
        )}
      </div>
      {submit.error && !showMissing?.length && <Alert className="mt-4">{errorMessage(submit.error)}</Alert>}
    </>
  );
}

function itemLabel(item: QuestionnaireItem, text: (t: { en: string; zh: string }) => string) {
  return item.kind === "likert" ? text(item.text) : text(item.scenario);
}

function SaveStatus({
  state,
  onRetry,
  errorMessage,
}: {
  state: SaveState;
  onRetry: () => void;
  errorMessage: (e: unknown) => string | null;
}) {
  const t = useTranslations("assessment.take");
  const format = useFormatter();
  return (
    <span aria-live="polite" data-testid="save-status" className="flex items-center gap-2 text-fg-muted">
      {state.kind === "saving" && t("saving")}
      {state.kind === "saved" && (
        <span title={t("savedAt", { time: format.dateTime(state.at, { timeStyle: "medium" }) })}>✓ {t("saved")}</span>
      )}
      {state.kind === "error" && (
        <>
          <span className="text-red-700 dark:text-red-300">{t("saveFailed", { message: errorMessage(state.error) ?? "" })}</span>
          <Button size="sm" variant="secondary" onClick={onRetry}>
            {t("retry")}
          </Button>
        </>
      )}
    </span>
  );
}

function ItemField({
  item,
  number,
  value,
  missing,
  scaleLabels,
  prompt,
  text,
  onAnswer,
}: {
  item: QuestionnaireItem;
  number: number;
  value: AnswerValue | undefined;
  missing: boolean;
  scaleLabels: string[];
  prompt: string;
  text: (t: { en: string; zh: string }) => string;
  onAnswer: (value: AnswerValue) => void;
}) {
  const t = useTranslations("assessment.take");
  const fieldClass = cn("rounded-lg border bg-surface p-4", missing ? "border-red-500 ring-1 ring-red-500" : "border-border");
  if (item.kind === "likert") {
    return (
      <fieldset id={`item-${item.id}`} className={fieldClass} aria-invalid={missing || undefined} data-testid="likert-item">
        <legend className="float-left mb-3 w-full text-sm font-medium">
          <span className="mr-1 text-fg-subtle">{number}.</span> {text(item.text)}
        </legend>
        <div className="clear-both grid grid-cols-1 gap-2 sm:grid-cols-5">
          {scaleLabels.map((label, i) => (
            <label
              key={label}
              className="flex cursor-pointer items-center gap-2 rounded-md border border-border px-2 py-2 text-xs has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500 sm:flex-col sm:text-center dark:has-[:checked]:bg-brand-950/50"
            >
              <input
                type="radio"
                name={item.id}
                value={i + 1}
                checked={value === i + 1}
                onChange={() => onAnswer(i + 1)}
                className="accent-brand-600"
              />
              <span>{label}</span>
            </label>
          ))}
        </div>
      </fieldset>
    );
  }
  return (
    <fieldset id={`item-${item.id}`} className={fieldClass} aria-invalid={missing || undefined} data-testid="situational-item">
      <legend className="float-left mb-2 w-full text-sm">
        <span className="mr-1 text-fg-subtle">{number}.</span>
        <span className="font-semibold">{t("scenario")}: </span>
        {text(item.scenario)} <span className="font-medium">{prompt}</span>
      </legend>
      <div className="clear-both space-y-2">
        {item.options.map((option) => (
          <label
            key={option.id}
            className="flex cursor-pointer items-start gap-3 rounded-md border border-border px-3 py-2 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500 dark:has-[:checked]:bg-brand-950/50"
          >
            <input
              type="radio"
              name={item.id}
              value={option.id}
              checked={value === option.id}
              onChange={() => onAnswer(option.id)}
              className="mt-1 accent-brand-600"
            />
            <span>{text(option.text)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
