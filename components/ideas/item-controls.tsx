"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** Edit and Delete under one item of an idea (an assumption, an experiment); Delete asks first. */
export function EditDeleteButtons({
  editLabel,
  onEdit,
  deleteLabel,
  deleteConfirm,
  deletePending,
  onDelete,
}: {
  editLabel: string;
  onEdit: () => void;
  deleteLabel: string;
  /** The question the browser asks before deleting. */
  deleteConfirm: string;
  deletePending: boolean;
  onDelete: () => void;
}) {
  return (
    <div className="no-print mt-2 flex gap-2">
      <Button size="sm" variant="secondary" onClick={onEdit}>
        {editLabel}
      </Button>
      <Button size="sm" variant="ghost" loading={deletePending} onClick={() => confirm(deleteConfirm) && onDelete()}>
        {deleteLabel}
      </Button>
    </div>
  );
}

/** The foot of an idea's inline form: submit, then Cancel. */
export function SubmitCancelButtons({
  submitLabel,
  cancelLabel,
  pending,
  onCancel,
}: {
  submitLabel: string;
  cancelLabel: string;
  pending: boolean;
  onCancel: () => void;
}) {
  return (
    <div className="flex gap-2">
      <Button type="submit" size="sm" loading={pending}>
        {submitLabel}
      </Button>
      <Button type="button" size="sm" variant="secondary" onClick={onCancel}>
        {cancelLabel}
      </Button>
    </div>
  );
}

/** After a CONFLICT (server/edits.ts): keep the editor's text and let them choose. */
export function ConflictChoice({ onMine, onTheirs }: { onMine: () => void; onTheirs: () => void }) {
  const t = useTranslations("ideas.form");
  return (
    <div className="mt-3 flex flex-wrap gap-2" data-testid="edit-conflict">
      <Button size="sm" onClick={onMine}>
        {t("saveMineAnyway")}
      </Button>
      <Button size="sm" variant="secondary" onClick={onTheirs}>
        {t("discardMine")}
      </Button>
    </div>
  );
}

/** The filled-in parts of a Test Card or Learning Card as term/description pairs; empty parts are left out. */
export function CardTerms<K extends string>({
  keys,
  values,
  label,
  className,
}: {
  keys: readonly K[];
  values: Record<K, string>;
  label: (key: K) => string;
  className: string;
}) {
  return (
    <dl className={className}>
      {keys
        .filter((k) => values[k])
        .map((k) => (
          <div key={k}>
            <dt className="text-fg-subtle">{label(k)}</dt>
            <dd>{values[k]}</dd>
          </div>
        ))}
    </dl>
  );
}
