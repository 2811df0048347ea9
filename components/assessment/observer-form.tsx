"use client";

import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { assessmentPages } from "@/server/assessment/items";
import { CANT_JUDGE, MIN_OBSERVER_ITEMS_PER_FACET, type ObserverForm } from "@/server/assessment/observer";
import type { LocalizedText } from "@/server/assessment/instrument-schema";
import { asLocale } from "@/server/i18n/locale";

type Value = number | string;

const optionClass =
  "flex cursor-pointer items-center gap-2 rounded-md border border-border px-2 py-2 text-xs has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500 dark:has-[:checked]:bg-brand-950/50";

/**
 * The observer form for a rater: first who sees what (nothing is asked until the rater has read
 * it), then every item worded about the founder, each with "Can't judge". Unanswered items are
 * sent as nothing and count as "can't judge" on the server.
 */
export function ObserverQuestionnaire({
  form,
  founderName,
  member,
  pending,
  error,
  onSubmit,
}: {
  form: ObserverForm;
  founderName: string;
  /** A workspace member rating a teammate (may opt in to be named); otherwise an outsider by link. */
  member: boolean;
  pending: boolean;
  error: string | null;
  onSubmit: (answers: Record<string, Value>, showName: boolean) => void;
}) {
  const t = useTranslations("assessment.raters.form");
  const locale = asLocale(useLocale());
  const text = (value: LocalizedText) => value[locale];
  const [started, setStarted] = useState(false);
  const [answers, setAnswers] = useState<Record<string, Value>>({});
  const [showName, setShowName] = useState(false);
  const pages = useMemo(() => assessmentPages(form), [form]);
  const dimensionName = new Map(form.dimensions.map((d) => [d.id, text(d.name)]));
  const scaleLabels = form.scale.labels.map(text);
  const answered = Object.values(answers).filter((v) => v !== CANT_JUDGE).length;
  const unanswered = form.items.length - Object.keys(answers).length;

  if (!started) {
    return (
      <Card data-testid="rater-privacy">
        <h2 className="text-base font-semibold">{t("privacyTitle")}</h2>
        <ul className="mt-3 list-disc space-y-2 pl-5 text-sm">
          <li>{t("privacyMean", { founder: founderName })}</li>
          {member ? <li>{t("privacyMemberName", { founder: founderName })}</li> : <li>{t("privacyNoName", { founder: founderName })}</li>}
          <li>{t("privacyTeam", { founder: founderName })}</li>
          <li>{t("privacyDelete", { founder: founderName })}</li>
          <li>{t("privacyOnce")}</li>
          <li>{t("privacySkip")}</li>
        </ul>
        <Button className="mt-5" onClick={() => setStarted(true)} data-testid="rater-start">
          {t("start")}
        </Button>
      </Card>
    );
  }

  let number = 0;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(answers, member && showName);
      }}
      className="space-y-8"
    >
      <p className="text-sm text-fg-muted">{text(form.instructions)}</p>
      {pages.map((page) => (
        <section key={page.dimension} aria-labelledby={`dim-${page.dimension}`} className="space-y-3">
          <h2 id={`dim-${page.dimension}`} className="text-lg font-semibold">
            {dimensionName.get(page.dimension)}
          </h2>
          {page.items.map((item) => {
            number += 1;
            const value = answers[item.id];
            const set = (v: Value) => setAnswers((a) => ({ ...a, [item.id]: v }));
            const cantJudge = (
              <label className={`${optionClass} mt-2 border-dashed text-fg-muted`}>
                <input
                  type="radio"
                  name={item.id}
                  checked={value === CANT_JUDGE}
                  onChange={() => set(CANT_JUDGE)}
                  className="accent-brand-600"
                />
                <span>{t("cantJudge")}</span>
              </label>
            );
            return (
              <fieldset
                key={item.id}
                className="rounded-lg border border-border bg-surface p-4"
                data-testid={item.kind === "likert" ? "observer-likert" : "observer-situational"}
                data-facet={item.kind === "likert" ? item.facet : undefined}
              >
                <legend className="float-left mb-3 w-full text-sm font-medium">
                  <span className="mr-1 text-fg-subtle">{number}.</span>
                  {item.kind === "likert" ? (
                    text(item.text)
                  ) : (
                    <>
                      {text(item.scenario)} <span className="font-semibold">{text(form.situationalPrompt)}</span>
                    </>
                  )}
                </legend>
                {item.kind === "likert" ? (
                  <div className="clear-both grid grid-cols-1 gap-2 sm:grid-cols-5">
                    {scaleLabels.map((label, i) => (
                      <label key={label} className={`${optionClass} sm:flex-col sm:text-center`}>
                        <input
                          type="radio"
                          name={item.id}
                          value={i + 1}
                          checked={value === i + 1}
                          onChange={() => set(i + 1)}
                          className="accent-brand-600"
                        />
                        <span>{label}</span>
                      </label>
                    ))}
                  </div>
                ) : (
                  <div className="clear-both space-y-2">
                    {item.options.map((option) => (
                      <label key={option.id} className={`${optionClass} text-sm`}>
                        <input
                          type="radio"
                          name={item.id}
                          checked={value === option.id}
                          onChange={() => set(option.id)}
                          className="accent-brand-600"
                        />
                        <span>{text(option.text)}</span>
                      </label>
                    ))}
                  </div>
                )}
                {cantJudge}
              </fieldset>
            );
          })}
        </section>
      ))}

      <Card className="space-y-3">
        <p className="text-sm" aria-live="polite" data-testid="rater-progress">
          {t("progress", { answered, total: form.items.length })}
          {unanswered > 0 && ` ${t("unansweredNote", { count: unanswered })}`}
        </p>
        <p className="text-xs text-fg-muted">{t("minimumNote", { min: MIN_OBSERVER_ITEMS_PER_FACET })}</p>
        {member && (
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" checked={showName} onChange={(e) => setShowName(e.target.checked)} className="mt-1 accent-brand-600" />
            <span>{t("showName", { founder: founderName })}</span>
          </label>
        )}
        {error && <Alert>{error}</Alert>}
        <Button type="submit" disabled={pending} data-testid="rater-submit">
          {pending ? t("sending") : t("submit")}
        </Button>
      </Card>
    </form>
  );
}
