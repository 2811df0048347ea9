"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import { ChevronLeft, ChevronRight, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { cn } from "./cn";
import { useReturnFocus } from "./return-focus";

export interface LightboxImage {
  id: string;
  src: string;
  name: string;
}

const NAV_BUTTON =
  "inline-flex size-10 items-center justify-center rounded-full border border-border bg-surface text-fg hover:bg-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:opacity-40";

/**
 * One image at full size over the page, with its neighbours a key press away: ← / → (and the
 * buttons) step through `images`, Home / End jump to the ends, Escape closes. Radix keeps focus
 * inside while it is open; focus goes back to the thumbnail that opened it.
 */
export function Lightbox({
  images,
  index,
  onIndexChange,
}: {
  images: LightboxImage[];
  /** The image shown, or null when closed. */
  index: number | null;
  onIndexChange: (index: number | null) => void;
}) {
  const t = useTranslations("common.lightbox");
  const open = index !== null && images[index] !== undefined;
  const image = open ? images[index] : undefined;
  const focus = useReturnFocus();
  const go = (to: number) => onIndexChange(Math.min(images.length - 1, Math.max(0, to)));
  return (
    <RadixDialog.Root open={open} onOpenChange={(o) => !o && onIndexChange(null)}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-black/80" />
        <RadixDialog.Content
          className="fixed inset-2 z-50 flex flex-col rounded-lg bg-surface p-3 shadow-lg focus:outline-none sm:inset-8"
          data-testid="lightbox"
          {...focus}
          onKeyDown={(e) => {
            if (index === null) return;
            const to = { ArrowLeft: index - 1, ArrowRight: index + 1, Home: 0, End: images.length - 1 }[e.key];
            if (to === undefined) return;
            e.preventDefault();
            go(to);
          }}
        >
          <div className="flex items-center gap-3">
            <RadixDialog.Title className="min-w-0 flex-1 truncate text-sm font-medium text-fg" title={image?.name}>
              {image?.name}
            </RadixDialog.Title>
            <RadixDialog.Description className="shrink-0 text-sm text-fg-muted tabular-nums" aria-live="polite">
              {index !== null && t("position", { n: index + 1, total: images.length })}
            </RadixDialog.Description>
            <RadixDialog.Close className={NAV_BUTTON} aria-label={t("close")}>
              <X className="size-5" aria-hidden />
            </RadixDialog.Close>
          </div>
          <div className="relative mt-3 flex min-h-0 flex-1 items-center justify-center gap-2">
            <button
              type="button"
              className={cn(NAV_BUTTON, "shrink-0")}
              onClick={() => index !== null && go(index - 1)}
              disabled={index === 0}
              aria-label={t("previous")}
            >
              <ChevronLeft className="size-5" aria-hidden />
            </button>
            {image && <img src={image.src} alt={image.name} className="max-h-full min-w-0 max-w-full flex-1 object-contain" />}
            <button
              type="button"
              className={cn(NAV_BUTTON, "shrink-0")}
              onClick={() => index !== null && go(index + 1)}
              disabled={index === images.length - 1}
              aria-label={t("next")}
            >
              <ChevronRight className="size-5" aria-hidden />
            </button>
          </div>
          <p className="mt-2 text-center text-xs text-fg-muted">{t("keys")}</p>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
