"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { FitBasis } from "@/server/opportunities/map";
import { Alert } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";

/** Switch between the founder's own fit and the team's (coverage of members who share results). */
export function FitBasisSwitch({ basis, onChange }: { basis: FitBasis; onChange: (b: FitBasis) => void }) {
  const t = useTranslations("opportunities.basis");
  return (
    <div role="radiogroup" aria-label={t("label")} className="inline-flex rounded-md border border-border bg-surface p-0.5 text-sm">
      {(["founder", "team"] as const).map((b) => (
        <button
          key={b}
          type="button"
          role="radio"
          aria-checked={basis === b}
          onClick={() => onChange(b)}
          className={cn("rounded px-3 py-1", basis === b ? "bg-brand-600 text-white" : "text-fg-muted hover:bg-muted")}
        >
          {t(b)}
        </button>
      ))}
    </div>
  );
}

/**
 * The fit switch, and where the chosen basis has no profile yet, how to get one
 * (the pages show no fit score instead of a made-up one).
 */
export function FitBasisBar({
  basis,
  onChange,
  hasProfile,
  workspaceSlug,
  className,
}: {
  basis: FitBasis;
  onChange: (b: FitBasis) => void;
  /** undefined while loading: no call-out yet. */
  hasProfile: boolean | undefined;
  workspaceSlug: string;
  className?: string;
}) {
  const t = useTranslations("opportunities");
  return (
    <div className={cn("flex flex-wrap items-center gap-3", className)}>
      <FitBasisSwitch basis={basis} onChange={onChange} />
      {hasProfile === false && (
        <Alert tone="info" className="flex-1">
          {t(basis === "team" ? "fit.missingTeam" : "fit.missing")}{" "}
          <Link className="font-medium underline" href={`/w/${workspaceSlug}/assessment`}>
            {t("fit.takeAssessment")}
          </Link>
        </Alert>
      )}
    </div>
  );
}

/** A figure's source, always next to the number: publisher, year, and a link when there is a URL. */
export function SourceLine({
  source,
  className,
}: {
  source: { name: string; title?: string; url: string | null; year: number };
  className?: string;
}) {
  const t = useTranslations("opportunities");
  const label = t("source", { name: source.name, year: source.year });
  return (
    <span className={cn("text-xs text-fg-subtle", className)}>
      {source.url ? (
        <a
          href={source.url}
          target="_blank"
          rel="noreferrer noopener"
          className="underline decoration-dotted hover:text-fg"
          title={source.title}
        >
          {label}
        </a>
      ) : (
        label
      )}
    </span>
  );
}

export function ScorePill({ label, value, testId }: { label: string; value: number | null; testId?: string }) {
  return (
    <div className="rounded-md border border-border bg-surface px-3 py-2" data-testid={testId}>
      <div className="text-xs text-fg-muted">{label}</div>
      <div className="text-2xl font-semibold tabular-nums text-fg">{value === null ? "—" : Math.round(value)}</div>
    </div>
  );
}

/** A link styled as a button (never a button inside a link). */
export function LinkButton({
  href,
  variant = "primary",
  children,
  className,
}: {
  href: string;
  variant?: "primary" | "secondary";
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <Link
      href={href}
      className={cn(
        "inline-flex h-10 items-center justify-center gap-2 rounded-md px-4 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500",
        variant === "primary" ? "bg-brand-600 text-white hover:bg-brand-700" : "border border-border bg-surface text-fg hover:bg-muted",
        className,
      )}
    >
      {children}
    </Link>
  );
}
