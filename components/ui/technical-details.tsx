"use client";

import { useTranslations } from "next-intl";
import { cn } from "./cn";

/**
 * Engineer's detail (model source and licence, compute engine, raw settings, error text) folded
 * away under one translated "Technical details" summary, so pages speak to founders first.
 * A native <details>: keyboard and screen readers work without script.
 */
export function TechnicalDetails({ children, className, testId }: { children: React.ReactNode; className?: string; testId?: string }) {
  const t = useTranslations("common");
  return (
    <details className={cn("group text-xs text-fg-subtle", className)} data-testid={testId}>
      <summary className="cursor-pointer select-none text-fg-muted hover:text-fg">{t("technicalDetails")}</summary>
      <div className="mt-2 space-y-1 break-words">{children}</div>
    </details>
  );
}

/** One labelled line inside TechnicalDetails. */
export function TechnicalRow({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <p>
      <span className="text-fg-muted">{label}: </span>
      {children}
    </p>
  );
}
