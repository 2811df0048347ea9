"use client";

import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Alert, Badge, Card, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { isEditConflict, useErrorMessage } from "@/components/ui/errors";
import { Field, Select, Textarea } from "@/components/ui/field";
import { ConflictChoice, EditDeleteButtons, SubmitCancelButtons } from "./item-controls";
import type { AssumptionView, IdeaReportData } from "./types";
import { INPUT_MAX } from "@/server/input-limits";

const KINDS = ["desirability", "feasibility", "viability", "team"] as const;
const IMPORTANCE = ["critical", "high", "low"] as const;
const EVIDENCE = ["none", "weak", "moderate", "strong"] as const;
type Fields = {
  kind: (typeof KINDS)[number];
  statement: string;
  importance: (typeof IMPORTANCE)[number];
  evidence: (typeof EVIDENCE)[number];
};
const STATUS_TONE = { untested: "neutral", testing: "brand", validated: "good", invalidated: "bad" } as const;

/** The idea's assumptions: proposals to accept, the important × unproven grid, and the list to edit. */
export function AssumptionsPanel({ ideaId, report, onChanged }: { ideaId: string; report: IdeaReportData; onChanged: () => void }) {
  const t = useTranslations("ideas.assumptions");
  const tp = useTranslations("ideas.proposals");
  const locale = useLocale() as "en" | "zh";
  const ws = useWorkspace();
  const trpc = useTRPC();
  const errorMessage = useErrorMessage("ideas.errors");
  const canWrite = ws.can("idea.write");
  const add = useMutation(trpc.ideas.addAssumption.mutationOptions({ onSuccess: () => (setAdding(false), onChanged()) }));
  const [adding, setAdding] = useState(false);
  const proposalText = (p: IdeaReportData["proposals"][number]) => {
    const facet = p.params.facet as keyof IdeaReportData["facetNames"] | undefined;
    const title =
      p.params.title && report.opportunityTitle && typeof report.opportunityTitle !== "string"
        ? report.opportunityTitle[locale]
        : p.params.title;
    return tp(p.key, { ...p.params, title: title ?? "", facetName: facet ? (report.facetNames[facet]?.[locale] ?? facet) : "" });
  };

  return (
    <Card data-testid="assumptions">
      <CardTitle>{t("title")}</CardTitle>
      <p className="mt-1 text-sm text-fg-muted">{t("help")}</p>

      {canWrite && report.proposals.length > 0 && (
        <div className="no-print mt-4 rounded-md border border-dashed border-border p-3" data-testid="proposals">
          <p className="text-sm font-medium">{tp("title")}</p>
          <p className="text-xs text-fg-subtle">{tp("help")}</p>
          <ul className="mt-2 space-y-2">
            {report.proposals.map((p) => (
              <li key={p.origin} className="flex flex-wrap items-start justify-between gap-2 text-sm" data-testid="proposal">
                <span className="min-w-0 flex-1">
                  <Badge className="mr-2">{t(`kind.${p.kind}`)}</Badge>
                  {proposalText(p)}
                </span>
                <Button
                  size="sm"
                  variant="secondary"
                  loading={add.isPending && add.variables?.origin === p.origin}
                  onClick={() =>
                    add.mutate({
                      workspaceId: ws.id,
                      ideaId,
                      kind: p.kind,
                      importance: p.importance,
                      statement: proposalText(p),
                      origin: p.origin,
                    })
                  }
                >
                  {tp("accept")}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {add.error && !adding && <Alert className="mt-3">{errorMessage(add.error)}</Alert>}

      {report.assumptions.length > 0 && <RiskGrid assumptions={report.assumptions} riskiestId={report.nextAssumptionId} />}

      <ul className="mt-4 space-y-3" data-testid="assumption-list">
        {report.assumptions.length === 0 && <li className="text-sm text-fg-muted">{t("empty")}</li>}
        {report.assumptions.map((a) => (
          <AssumptionRow key={a.id} ideaId={ideaId} a={a} riskiest={a.id === report.nextAssumptionId} onChanged={onChanged} />
        ))}
      </ul>
      {canWrite &&
        (adding ? (
          <AssumptionForm
            pending={add.isPending}
            error={add.error}
            onCancel={() => (setAdding(false), add.reset())}
            onSubmit={(f) => add.mutate({ workspaceId: ws.id, ideaId, ...f, origin: null })}
          />
        ) : (
          <Button className="no-print mt-3" size="sm" variant="secondary" onClick={() => setAdding(true)}>
            {t("add")}
          </Button>
        ))}
    </Card>
  );
}

function RiskGrid({ assumptions, riskiestId }: { assumptions: AssumptionView[]; riskiestId: string | null }) {
  const t = useTranslations("ideas.assumptions.grid");
  const cells = [
    { key: "importantUnproven", important: true, unproven: true },
    { key: "importantProven", important: true, unproven: false },
    { key: "minorUnproven", important: false, unproven: true },
    { key: "minorProven", important: false, unproven: false },
  ] as const;
  return (
    <figure className="mt-4" data-testid="risk-grid">
      <figcaption className="mb-1 flex justify-between text-xs text-fg-subtle">
        <span>{t("title")}</span>
        <span aria-hidden>
          {t("important")} · {t("unproven")}
        </span>
      </figcaption>
      <div className="grid grid-cols-2 gap-1 text-xs">
        {cells.map((c) => (
          <div
            key={c.key}
            className={cn(
              "min-h-16 rounded-md border border-border p-2",
              c.important && c.unproven && "border-red-300 bg-red-50/60 dark:bg-red-950/30",
            )}
          >
            <p className="font-medium text-fg-muted">{t(c.key)}</p>
            <ul className="mt-1 space-y-1">
              {assumptions
                .filter((a) => a.important === c.important && a.unproven === c.unproven)
                .map((a) => (
                  <li key={a.id} className={cn("line-clamp-2", a.id === riskiestId && "font-semibold text-red-700 dark:text-red-300")}>
                    {a.statement}
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </div>
    </figure>
  );
}

function AssumptionRow({
  ideaId,
  a,
  riskiest,
  onChanged,
}: {
  ideaId: string;
  a: AssumptionView;
  riskiest: boolean;
  onChanged: () => void;
}) {
  const t = useTranslations("ideas.assumptions");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const [editing, setEditing] = useState<{ base: Date } | null>(null);
  const [mine, setMine] = useState<Fields | null>(null);
  const update = useMutation(trpc.ideas.updateAssumption.mutationOptions({ onSuccess: () => (close(), onChanged()) }));
  function close(): void {
    setEditing(null);
    setMine(null);
    update.reset();
  }
  const del = useMutation(trpc.ideas.deleteAssumption.mutationOptions({ onSuccess: onChanged }));
  const conflict = isEditConflict(update.error);
  return (
    <li
      className={cn("rounded-md border border-border p-3 text-sm", riskiest && "border-red-400")}
      data-testid="assumption"
      data-status={a.status}
    >
      <div className="flex flex-wrap items-center gap-2">
        <Badge>{t(`kind.${a.kind}`)}</Badge>
        <Badge tone={a.importance === "critical" ? "bad" : a.importance === "high" ? "warn" : "neutral"}>
          {t(`importance.${a.importance}`)}
        </Badge>
        <Badge tone={STATUS_TONE[a.status]} data-testid="assumption-status">
          {t(`status.${a.status}`)}
        </Badge>
        {riskiest && <Badge tone="bad">{t("riskiest")}</Badge>}
      </div>
      <p className="mt-2">{a.statement}</p>
      <p className="mt-1 text-xs text-fg-subtle">
        {t("evidenceLabel")}: {t(`evidence.${a.evidence}`)} · {t("experiments", { count: a.experimentCount })}
      </p>
      {ws.can("idea.write") && !editing && (
        <EditDeleteButtons
          editLabel={t("edit")}
          onEdit={() => setEditing({ base: a.updatedAt })}
          deleteLabel={t("delete")}
          deleteConfirm={t("deleteConfirm")}
          deletePending={del.isPending}
          onDelete={() => del.mutate({ workspaceId: ws.id, ideaId, assumptionId: a.id })}
        />
      )}
      {editing && (
        <>
          <AssumptionForm
            initial={mine ?? { kind: a.kind, statement: a.statement, importance: a.importance, evidence: a.evidence }}
            pending={update.isPending}
            error={update.error}
            onCancel={close}
            onSubmit={(f) => (
              setMine(f),
              update.mutate({ workspaceId: ws.id, ideaId, assumptionId: a.id, ...f, baseUpdatedAt: editing.base })
            )}
          />
          {conflict && mine && (
            <ConflictChoice
              onMine={() => update.mutate({ workspaceId: ws.id, ideaId, assumptionId: a.id, ...mine })}
              onTheirs={() => (close(), onChanged())}
            />
          )}
        </>
      )}
    </li>
  );
}

function AssumptionForm({
  initial,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial?: Fields;
  pending: boolean;
  error: unknown;
  onSubmit: (f: Fields) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("ideas.assumptions");
  const errorMessage = useErrorMessage("ideas.errors");
  const [f, setF] = useState<Fields>(initial ?? { kind: "desirability", statement: "", importance: "critical", evidence: "none" });
  return (
    <form
      className="no-print mt-3 space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(f);
      }}
    >
      <Field label={t("statement")}>
        {(p) => (
          <Textarea
            {...p}
            required
            minLength={3}
            maxLength={INPUT_MAX.assumptionStatement}
            rows={2}
            value={f.statement}
            onChange={(e) => setF({ ...f, statement: e.target.value })}
          />
        )}
      </Field>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Field label={t("kindLabel")}>
          {(p) => (
            <Select {...p} value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value as Fields["kind"] })}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)} — {t(`kindHelp.${k}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("importanceLabel")}>
          {(p) => (
            <Select {...p} value={f.importance} onChange={(e) => setF({ ...f, importance: e.target.value as Fields["importance"] })}>
              {IMPORTANCE.map((k) => (
                <option key={k} value={k}>
                  {t(`importance.${k}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("evidenceLabel")}>
          {(p) => (
            <Select {...p} value={f.evidence} onChange={(e) => setF({ ...f, evidence: e.target.value as Fields["evidence"] })}>
              {EVIDENCE.map((k) => (
                <option key={k} value={k}>
                  {t(`evidence.${k}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      {error ? <Alert>{errorMessage(error)}</Alert> : null}
      <SubmitCancelButtons submitLabel={t("save")} cancelLabel={t("cancel")} pending={pending} onCancel={onCancel} />
    </form>
  );
}
