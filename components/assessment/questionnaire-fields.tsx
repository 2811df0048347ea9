"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { NOT_APPLICABLE } from "@/server/assessment/answers";
import type { QuestionnaireItem } from "@/server/assessment/items";
import type { AnswerValue, SaveState } from "./autosave-queue";

/** Presentational parts of the questionnaire: the save status and one question. */

export function itemLabel(item: QuestionnaireItem, text: (t: { en: string; zh: string }) => string) {
  return item.kind === "likert" ? text(item.text) : text(item.scenario);
}

export function SaveStatus({
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

export function ItemField({
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
        {item.notApplicableYet && (
          <label className="mt-2 flex cursor-pointer items-start gap-2 rounded-md border border-dashed border-border px-2 py-2 text-xs text-fg-muted has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500 dark:has-[:checked]:bg-brand-950/50">
            <input
              type="radio"
              name={item.id}
              value={NOT_APPLICABLE}
              checked={value === NOT_APPLICABLE}
              onChange={() => onAnswer(NOT_APPLICABLE)}
              className="mt-0.5 accent-brand-600"
            />
            <span>
              <span className="font-medium text-fg">{t("notApplicableYet")}</span> — {t("notApplicableHelp")}
            </span>
          </label>
        )}
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
