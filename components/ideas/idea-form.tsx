"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { useFieldErrors, useErrorMessage } from "@/components/ui/errors";
import { asLocale } from "@/server/i18n/locale";
import { INPUT_MAX } from "@/server/input-limits";
import { INDUSTRIES } from "@/server/opportunities/dataset-schema";
import { groupOpportunities } from "./opportunity-groups";

export interface IdeaFormValues {
  title: string;
  summary: string;
  opportunityRef: string | null;
  prototypeId: string | null;
}

export function IdeaForm({
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial?: IdeaFormValues;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (v: IdeaFormValues) => void;
  onCancel?: () => void;
}) {
  const t = useTranslations("ideas.form");
  const industryName = useTranslations("opportunities.industry");
  const locale = asLocale(useLocale());
  const ws = useWorkspace();
  const trpc = useTRPC();
  const errorMessage = useErrorMessage("ideas.errors");
  const fieldErrors = useFieldErrors();
  // Fresh each time the form opens: a prototype may have been created since.
  const options = useQuery({ ...trpc.ideas.options.queryOptions({ workspaceId: ws.id }), refetchOnMount: "always" });
  const [v, setV] = useState<IdeaFormValues>(initial ?? { title: "", summary: "", opportunityRef: null, prototypeId: null });
  const errs = fieldErrors(error);
  const groups = groupOpportunities(options.data?.opportunities ?? [], INDUSTRIES, locale);

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(v);
      }}
    >
      <Field label={t("title")} error={errs.title}>
        {(p) => (
          <Input
            {...p}
            required
            minLength={2}
            maxLength={INPUT_MAX.ideaTitle}
            value={v.title}
            onChange={(e) => setV({ ...v, title: e.target.value })}
          />
        )}
      </Field>
      <Field label={t("summary")} error={errs.summary}>
        {(p) => (
          <Textarea {...p} maxLength={INPUT_MAX.ideaSummary} value={v.summary} onChange={(e) => setV({ ...v, summary: e.target.value })} />
        )}
      </Field>
      <Field label={t("opportunity")}>
        {(p) => (
          <Select {...p} value={v.opportunityRef ?? ""} onChange={(e) => setV({ ...v, opportunityRef: e.target.value || null })}>
            <option value="">{t("noOpportunity")}</option>
            {groups.map((group) => (
              <optgroup
                key={group.kind === "shortlist" ? "shortlist" : group.industry}
                label={
                  group.kind === "shortlist"
                    ? t("shortlistGroup")
                    : industryName.has(group.industry)
                      ? industryName(group.industry)
                      : group.industry
                }
              >
                {group.options.map((o) => (
                  <option key={`${group.kind}-${o.ref}`} value={o.ref}>
                    {o.title[locale]}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t("prototype")}>
        {(p) => (
          <Select {...p} value={v.prototypeId ?? ""} onChange={(e) => setV({ ...v, prototypeId: e.target.value || null })}>
            <option value="">{t("noPrototype")}</option>
            {(options.data?.prototypes ?? []).map((pr) => (
              <option key={pr.id} value={pr.id}>
                {pr.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {Boolean(error) && Object.keys(errs).length === 0 && <Alert>{errorMessage(error)}</Alert>}
      <div className="flex justify-end gap-2">
        {onCancel && (
          <Button type="button" variant="secondary" onClick={onCancel}>
            {t("cancel")}
          </Button>
        )}
        <Button type="submit" loading={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
