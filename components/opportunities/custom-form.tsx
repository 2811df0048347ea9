"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Alert, Card, CardTitle, PageHeader } from "@/components/ui/card";
import { fieldErrors, isEditConflict, useErrorMessage } from "@/components/ui/errors";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import type { FacetId } from "@/server/assessment/facets";
import type { CustomOpportunityFields } from "@/server/opportunities/custom";
import { FACTORS, INDUSTRIES, STAGES, type FactorKey, type IndustryId } from "@/server/opportunities/dataset-schema";
import type { OpportunityView } from "@/server/opportunities/view";
import { asLocale, type Localized } from "@/server/i18n/locale";

type Factors = Record<FactorKey, { score: number; rationale: string }>;
interface ValueDraft {
  low: string;
  high: string;
  basis: string;
  kind: "published" | "estimate";
  sourceName: string;
  sourceTitle: string;
  sourceUrl: string;
  sourceYear: string;
  note: string;
}
const EMPTY_VALUE: ValueDraft = {
  low: "",
  high: "",
  basis: "",
  kind: "estimate",
  sourceName: "",
  sourceTitle: "",
  sourceUrl: "",
  sourceYear: String(new Date().getFullYear()),
  note: "",
};

function fromView(v: OpportunityView | undefined, industry: IndustryId) {
  const text = (t: unknown) => (typeof t === "string" ? t : "");
  return {
    industry: v?.industry ?? industry,
    title: text(v?.title),
    description: text(v?.description),
    useCases: (v?.useCases ?? []).map(text).join("\n"),
    customers: text(v?.customers),
    stage: v?.stage ?? "emerging",
    factors: Object.fromEntries(
      FACTORS.map((f) => [f, { score: v?.factors[f]?.score ?? 3, rationale: text(v?.factors[f]?.rationale) }]),
    ) as Factors,
    // Stored weights sum to 1; the form works in importance steps 1–3.
    profile: Object.fromEntries(
      Object.entries(v?.requiredProfile ?? {}).map(([f, w]) => [f, Math.max(1, Math.min(3, Math.round((w ?? 0) * 6)))]),
    ) as Partial<Record<FacetId, number>>,
    value: v?.value
      ? {
          low: String(v.value.low),
          high: String(v.value.high),
          basis: text(v.value.basis),
          kind: v.value.kind,
          sourceName: v.value.source.name,
          sourceTitle: v.value.source.title,
          sourceUrl: v.value.source.url ?? "",
          sourceYear: String(v.value.source.year),
          note: text(v.value.note),
        }
      : null,
  };
}

/** Create or edit a workspace's own opportunity: the same fields as the curated ones. */
export function CustomOpportunityForm({ id }: { id?: string }) {
  const ws = useWorkspace();
  const trpc = useTRPC();
  const existing = useQuery({ ...trpc.opportunities.getCustom.queryOptions({ workspaceId: ws.id, id: id ?? "" }), enabled: Boolean(id) });
  const facets = useQuery(trpc.opportunities.facets.queryOptions({ workspaceId: ws.id }));
  if (id && !existing.data) return existing.error ? <Alert>{existing.error.message}</Alert> : null;
  if (!facets.data) return null;
  return <FormBody id={id} initial={existing.data} facets={facets.data} />;
}

function FormBody({ id, initial, facets }: { id?: string; initial?: OpportunityView; facets: { id: FacetId; name: Localized }[] }) {
  const t = useTranslations("opportunities.form");
  const tt = useTranslations("opportunities");
  const locale = asLocale(useLocale());
  const ws = useWorkspace();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const params = useSearchParams();
  const errorMessage = useErrorMessage("opportunities.errors");
  const startIndustry = (INDUSTRIES as readonly string[]).includes(params.get("industry") ?? "")
    ? (params.get("industry") as IndustryId)
    : "healthcare";
  const [form, setForm] = useState(() => fromView(initial, startIndustry));
  // The version this editor opened (not a later refetch): the save only lands if nobody saved since.
  const [base] = useState(() => initial?.updatedAt);
  const [lastFields, setLastFields] = useState<CustomOpportunityFields | null>(null);
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));
  const done = (ref: string) => {
    void qc.invalidateQueries({ queryKey: trpc.opportunities.list.queryKey() });
    void qc.invalidateQueries({ queryKey: trpc.opportunities.overview.queryKey() });
    void qc.invalidateQueries({ queryKey: trpc.opportunities.get.queryKey() });
    void qc.invalidateQueries({ queryKey: trpc.opportunities.getCustom.queryKey() });
    router.push(`/w/${ws.slug}/opportunities/item/${encodeURIComponent(ref)}`);
  };
  const create = useMutation(trpc.opportunities.createCustom.mutationOptions({ onSuccess: (o) => done(o.ref) }));
  const update = useMutation(trpc.opportunities.updateCustom.mutationOptions({ onSuccess: (o) => done(o.ref) }));
  const error = create.error ?? update.error;
  const fe = fieldErrors(error);
  const chosen = Object.keys(form.profile).length;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const v = form.value;
    const fields: CustomOpportunityFields = {
      industry: form.industry,
      title: form.title,
      description: form.description,
      useCases: form.useCases
        .split("\n")
        .map((s) => s.trim())
        .filter(Boolean),
      customers: form.customers,
      stage: form.stage,
      factors: form.factors,
      requiredProfile: form.profile,
      value: v
        ? {
            low: Number(v.low),
            high: Number(v.high),
            basis: v.basis,
            kind: v.kind,
            sourceName: v.sourceName,
            sourceTitle: v.sourceTitle,
            sourceUrl: v.sourceUrl,
            sourceYear: Number(v.sourceYear),
            note: v.note,
          }
        : null,
    };
    setLastFields(fields);
    if (id) update.mutate({ workspaceId: ws.id, id, ...fields, baseUpdatedAt: base });
    else create.mutate({ workspaceId: ws.id, ...fields });
  };
  const setValue = (k: keyof ValueDraft, v: string) => set("value", { ...(form.value ?? EMPTY_VALUE), [k]: v } as ValueDraft);

  return (
    <>
      <PageHeader title={id ? t("editTitle") : t("newTitle")} description={t("intro")} />
      <form onSubmit={submit} className="space-y-4" noValidate>
        <Card className="space-y-4">
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <Field label={t("industry")}>
              {(p) => (
                <Select {...p} value={form.industry} onChange={(e) => set("industry", e.target.value as IndustryId)}>
                  {INDUSTRIES.map((i) => (
                    <option key={i} value={i}>
                      {tt(`industry.${i}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t("stage")}>
              {(p) => (
                <Select {...p} value={form.stage} onChange={(e) => set("stage", e.target.value as (typeof STAGES)[number])}>
                  {STAGES.map((s) => (
                    <option key={s} value={s}>
                      {tt(`stage.${s}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          </div>
          <Field label={t("title")} error={fe.title}>
            {(p) => <Input {...p} value={form.title} onChange={(e) => set("title", e.target.value)} />}
          </Field>
          <Field label={t("description")}>
            {(p) => <Textarea {...p} value={form.description} onChange={(e) => set("description", e.target.value)} />}
          </Field>
          <Field label={t("useCases")} hint={t("useCasesHint")} error={fe.useCases}>
            {(p) => <Textarea {...p} value={form.useCases} onChange={(e) => set("useCases", e.target.value)} />}
          </Field>
          <Field label={t("customers")} error={fe.customers}>
            {(p) => <Input {...p} value={form.customers} onChange={(e) => set("customers", e.target.value)} />}
          </Field>
        </Card>

        <Card>
          <CardTitle>{t("factorsTitle")}</CardTitle>
          <p className="mt-1 text-xs text-fg-muted">{t("factorsHelp")}</p>
          <div className="mt-3 space-y-3">
            {FACTORS.map((f) => (
              <div key={f} className="grid grid-cols-1 gap-2 sm:grid-cols-[12rem_6rem_minmax(0,1fr)] sm:items-center">
                <span className="text-sm font-medium">{tt(`factor.${f}`)}</span>
                <Select
                  aria-label={t("factorScore", { factor: tt(`factor.${f}`) })}
                  value={form.factors[f].score}
                  onChange={(e) => set("factors", { ...form.factors, [f]: { ...form.factors[f], score: Number(e.target.value) } })}
                >
                  {[1, 2, 3, 4, 5].map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </Select>
                <Input
                  aria-label={t("factorRationale", { factor: tt(`factor.${f}`) })}
                  placeholder={tt(`factorHelp.${f}`)}
                  value={form.factors[f].rationale}
                  onChange={(e) => set("factors", { ...form.factors, [f]: { ...form.factors[f], rationale: e.target.value } })}
                />
              </div>
            ))}
          </div>
        </Card>

        <Card>
          <CardTitle>{t("profileTitle")}</CardTitle>
          <p className="mt-1 text-xs text-fg-muted">{t("profileHelp", { count: chosen })}</p>
          <div className="mt-3 grid grid-cols-1 gap-2 sm:grid-cols-2">
            {facets.map((f) => {
              const w = form.profile[f.id];
              return (
                <div key={f.id} className="flex items-center justify-between gap-2 text-sm">
                  <label className="inline-flex items-center gap-2">
                    <input
                      type="checkbox"
                      checked={w !== undefined}
                      onChange={(e) => {
                        const next = { ...form.profile };
                        if (e.target.checked) next[f.id] = 2;
                        else delete next[f.id];
                        set("profile", next);
                      }}
                    />
                    {f.name[locale]}
                  </label>
                  {w !== undefined && (
                    <Select
                      className="h-8 w-32"
                      aria-label={t("importance", { facet: f.name[locale] })}
                      value={w}
                      onChange={(e) => set("profile", { ...form.profile, [f.id]: Number(e.target.value) })}
                    >
                      {[1, 2, 3].map((n) => (
                        <option key={n} value={n}>
                          {t(`importanceLevel${n}`)}
                        </option>
                      ))}
                    </Select>
                  )}
                </div>
              );
            })}
          </div>
        </Card>

        <Card className="space-y-3">
          <CardTitle>{t("valueTitle")}</CardTitle>
          <p className="text-xs text-fg-muted">{t("valueHelp")}</p>
          <label className="inline-flex items-center gap-2 text-sm">
            <input type="checkbox" checked={form.value !== null} onChange={(e) => set("value", e.target.checked ? EMPTY_VALUE : null)} />{" "}
            {t("addValue")}
          </label>
          {form.value && (
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
              <Field label={t("low")}>
                {(p) => <Input {...p} inputMode="decimal" value={form.value!.low} onChange={(e) => setValue("low", e.target.value)} />}
              </Field>
              <Field label={t("high")}>
                {(p) => <Input {...p} inputMode="decimal" value={form.value!.high} onChange={(e) => setValue("high", e.target.value)} />}
              </Field>
              <Field label={t("basis")} hint={t("basisHint")}>
                {(p) => <Input {...p} value={form.value!.basis} onChange={(e) => setValue("basis", e.target.value)} />}
              </Field>
              <Field label={t("kind")}>
                {(p) => (
                  <Select {...p} value={form.value!.kind} onChange={(e) => setValue("kind", e.target.value)}>
                    <option value="published">{tt("valueKind.published")}</option>
                    <option value="estimate">{tt("valueKind.estimate")}</option>
                  </Select>
                )}
              </Field>
              <Field label={t("sourceName")}>
                {(p) => <Input {...p} value={form.value!.sourceName} onChange={(e) => setValue("sourceName", e.target.value)} />}
              </Field>
              <Field label={t("sourceYear")}>
                {(p) => (
                  <Input
                    {...p}
                    inputMode="numeric"
                    value={form.value!.sourceYear}
                    onChange={(e) => setValue("sourceYear", e.target.value)}
                  />
                )}
              </Field>
              <Field label={t("sourceTitle")}>
                {(p) => <Input {...p} value={form.value!.sourceTitle} onChange={(e) => setValue("sourceTitle", e.target.value)} />}
              </Field>
              <Field label={t("sourceUrl")}>
                {(p) => <Input {...p} type="url" value={form.value!.sourceUrl} onChange={(e) => setValue("sourceUrl", e.target.value)} />}
              </Field>
              <div className="sm:col-span-2">
                <Field label={t("note")} hint={t("noteHint")}>
                  {(p) => <Textarea {...p} value={form.value!.note} onChange={(e) => setValue("note", e.target.value)} />}
                </Field>
              </div>
            </div>
          )}
        </Card>

        {error && <Alert>{errorMessage(error)}</Alert>}
        {id && isEditConflict(update.error) && lastFields && (
          <div className="flex flex-wrap gap-2" data-testid="edit-conflict">
            <Button type="button" size="sm" onClick={() => update.mutate({ workspaceId: ws.id, id, ...lastFields })}>
              {t("saveMineAnyway")}
            </Button>
            <Button type="button" size="sm" variant="secondary" onClick={() => done(id)}>
              {t("discardMine")}
            </Button>
          </div>
        )}
        <div className="flex gap-2">
          <Button type="submit" loading={create.isPending || update.isPending}>
            {id ? t("save") : t("create")}
          </Button>
          <Button type="button" variant="secondary" onClick={() => router.back()}>
            {t("cancel")}
          </Button>
        </div>
      </form>
    </>
  );
}
