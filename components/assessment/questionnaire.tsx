"use client";

import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTRPC, useTRPCClient } from "@/components/trpc/react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Alert, Card, PageHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { useErrorMessage } from "@/components/ui/errors";
import { assessmentPages, estimatedSecondsLeft } from "@/server/assessment/items";
import type { AnswerValue, SaveBatch } from "./autosave-queue";
import { useInstrumentText } from "./labels";
import { ItemField, itemLabel, SaveStatus } from "./questionnaire-fields";
import { clampPage, countAnswered, indexItems, missingItemIds, resumeTarget } from "./questionnaire-model";
import { useAutosave } from "./use-autosave";

/**
 * The questionnaire: one page per dimension, native radio groups (Tab between questions, arrow
 * keys within one), every change autosaved a moment later, and on return the founder lands on
 * the page they left with the first unanswered question in view. Opening it starts nothing:
 * the attempt is created with the first answer.
 */
export function Questionnaire() {
  const t = useTranslations("assessment.take");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const errorMessage = useErrorMessage("assessment.errors");

  // Read once: later refetches must not overwrite answers given since.
  const current = useQuery({
    ...trpc.assessment.current.queryOptions({ workspaceId: ws.id }),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const open = current.data?.open ?? null;
  const version = open?.instrumentVersion ?? current.data?.currentVersion;
  const instrument = useQuery({
    ...trpc.assessment.instrument.queryOptions(version ? { workspaceId: ws.id, version } : skipToken),
    staleTime: Infinity,
  });
  const labels = useInstrumentText(instrument.data);

  const [answers, setAnswers] = useState<Record<string, AnswerValue>>({});
  const [page, setPage] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const [showMissing, setShowMissing] = useState<string[] | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const attemptId = useRef<string | null>(null);

  useEffect(() => {
    if (current.data && !loaded) {
      attemptId.current = current.data.open?.id ?? null;
      setAnswers(current.data.open?.answers ?? {});
      setPage(current.data.open?.currentPage ?? 0);
      setLoaded(true);
    }
  }, [current.data, loaded]);

  const pages = useMemo(() => (instrument.data ? assessmentPages(instrument.data) : []), [instrument.data]);
  const index = useMemo(() => indexItems(pages), [pages]);
  const total = index.all.length;
  const answered = countAnswered(
    index.all.map(({ item }) => item),
    answers,
  );
  const secondsLeft = instrument.data ? estimatedSecondsLeft(instrument.data, new Set(Object.keys(answers))) : 0;

  /* ── Autosave. The plain client, not a mutation hook: a save started as the page unmounts must still finish. ── */
  const client = useTRPCClient();
  const starting = useRef<Promise<string> | null>(null);
  const ensureAttempt = useCallback(async (): Promise<string> => {
    if (attemptId.current) return attemptId.current;
    // The start is idempotent on the server (one open attempt per member): two tabs get the same one.
    starting.current ??= client.assessment.start
      .mutate({ workspaceId: ws.id })
      .then((attempt) => {
        attemptId.current = attempt.id;
        void qc.invalidateQueries({ queryKey: trpc.assessment.current.queryKey() });
        return attempt.id;
      })
      .finally(() => {
        starting.current = null;
      });
    return starting.current;
  }, [client, ws.id, qc, trpc]);
  const save = useCallback(
    async (batch: SaveBatch) =>
      client.assessment.save.mutate({
        workspaceId: ws.id,
        attemptId: await ensureAttempt(),
        answers: batch.answers,
        currentPage: batch.page,
      }),
    [client, ws.id, ensureAttempt],
  );
  const { state: saveState, queue } = useAutosave(save);

  const answer = (itemId: string, value: AnswerValue) => {
    setAnswers((a) => ({ ...a, [itemId]: value }));
    queue.answer(itemId, value);
    setShowMissing((missing) => missing?.filter((id) => id !== itemId) ?? null);
  };

  const goTo = (next: number, focusItem?: string) => {
    setPage(next);
    // Turning pages before answering anything must not create an attempt.
    if (attemptId.current || Object.keys(answers).length > 0) {
      queue.setPage(next);
      void queue.flush();
    }
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
    const first = resumeTarget(pages[page], answers);
    if (first) document.getElementById(`item-${first.id}`)?.scrollIntoView({ block: "center" });
  }, [loaded, pages, page, answers]);

  const submit = useMutation(trpc.assessment.submit.mutationOptions());
  const onSubmit = async () => {
    const missing = missingItemIds(index, answers);
    if (missing.length) {
      setShowMissing(missing);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    await queue.flush();
    if (!attemptId.current || queue.hasUnsaved()) return; // the save status shows the error and a retry button
    try {
      const { attemptId: id } = await submit.mutateAsync({ workspaceId: ws.id, attemptId: attemptId.current });
      await qc.invalidateQueries({ queryKey: trpc.assessment.current.queryKey() });
      await qc.invalidateQueries({ queryKey: trpc.assessment.history.queryKey() });
      router.push(`/w/${ws.slug}/assessment/results/${id}`);
    } catch (error) {
      const details =
        error instanceof TRPCClientError ? (error.data as { details?: { missing?: string[] } } | undefined)?.details : undefined;
      if (details?.missing?.length) {
        setShowMissing(details.missing);
        requestAnimationFrame(() => summaryRef.current?.focus());
      }
    }
  };

  if (current.error) return <Alert>{errorMessage(current.error)}</Alert>;
  if (!instrument.data || !loaded) return <p className="text-sm text-fg-muted">{t("loading")}</p>;

  const shownPage = pages[clampPage(page, pages.length)];
  const missingSet = new Set(showMissing ?? []);
  const { numberOf, pageOf, itemById } = index;

  return (
    <>
      <PageHeader title={t("title")} />
      <div className="sticky top-0 z-10 -mx-4 mb-6 border-b border-border bg-bg/95 px-4 py-3 backdrop-blur md:-mx-8 md:px-8">
        <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
          <span className="font-medium">{t("progress", { answered, total })}</span>
          <span className="text-fg-muted">
            {secondsLeft >= 60 ? t("timeLeft", { minutes: Math.ceil(secondsLeft / 60) }) : secondsLeft > 0 ? t("timeLeftUnderOne") : ""}
          </span>
          <SaveStatus state={saveState} onRetry={() => void queue.flush()} errorMessage={errorMessage} />
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
            const done = countAnswered(p.items, answers);
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

      {shownPage && (
        <section aria-labelledby="page-heading">
          <h2
            id="page-heading"
            ref={headingRef}
            tabIndex={-1}
            className="mb-4 rounded text-lg font-semibold focus:outline-none focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-brand-500 focus-visible:outline-solid"
          >
            {t("pageOf", { page: page + 1, pages: pages.length, dimension: labels.dimensionName(shownPage.dimension) })}
          </h2>
          <div className="space-y-4">
            {shownPage.items.map((item) => (
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
