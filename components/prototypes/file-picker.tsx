"use client";

import { useId, useState } from "react";
import { cn } from "@/components/ui/cn";

/**
 * A drop zone that is also a file picker: click it, or Tab to it and press Space, to choose files, or
 * drop them on it. The file input is visually hidden but stays the focusable control, named by the
 * zone's text, so keyboards, screen readers and e2e specs (`setInputFiles` on `testId`) use it directly;
 * its focus shows as a ring on the zone. Choosing the same file twice in a row picks it again.
 */
export function FilePicker({
  label,
  hint,
  accept,
  multiple = false,
  disabled = false,
  onFiles,
  testId,
  className,
}: {
  label: string;
  /** A second line under the label (accepted types, size limits). */
  hint?: string;
  /** The input's `accept` list: what the system dialog offers (the caller still checks what it gets). */
  accept: string;
  multiple?: boolean;
  disabled?: boolean;
  /** Called with the chosen or dropped files; never with none. */
  onFiles: (files: File[]) => void;
  testId?: string;
  className?: string;
}) {
  const id = useId();
  const [dragging, setDragging] = useState(false);
  const take = (list: FileList | null) => {
    const files = [...(list ?? [])];
    if (files.length > 0 && !disabled) onFiles(files);
  };
  return (
    <label
      htmlFor={id}
      onDragOver={(e) => {
        e.preventDefault();
        if (!disabled) setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        take(e.dataTransfer.files);
      }}
      className={cn(
        "flex flex-col items-center justify-center rounded-lg border-2 border-dashed p-6 text-center text-sm",
        "has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500 has-[:focus-visible]:ring-offset-2",
        disabled ? "cursor-not-allowed opacity-60" : "cursor-pointer",
        dragging ? "border-brand-600 bg-brand-50 dark:bg-brand-950" : "border-border",
        className,
      )}
    >
      <span className="font-medium text-fg">{label}</span>
      {hint !== undefined && <span className="text-fg-muted">{hint}</span>}
      <input
        id={id}
        data-testid={testId}
        type="file"
        accept={accept}
        multiple={multiple}
        disabled={disabled}
        className="sr-only"
        onChange={(e) => {
          take(e.target.files);
          e.target.value = "";
        }}
      />
    </label>
  );
}
