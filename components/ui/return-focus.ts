"use client";

import { useRef } from "react";

/**
 * Radix gives focus back on close only to its own `<Dialog.Trigger>`; a dialog opened from
 * state (a button elsewhere, a thumbnail) would leave focus on <body>. These handlers remember
 * the element that had focus when the dialog opened and return to it while it is still there.
 */
export function useReturnFocus(fallback?: (event: Event) => void) {
  const opener = useRef<HTMLElement | null>(null);
  return {
    onOpenAutoFocus: () => {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    },
    onCloseAutoFocus: (event: Event) => {
      if (fallback) return fallback(event);
      if (opener.current?.isConnected) {
        event.preventDefault();
        opener.current.focus();
      }
    },
  };
}
