"use client";

import { useEffect, useRef, useState } from "react";
import { AutosaveQueue, type SaveBatch, type SaveState } from "./autosave-queue";

/**
 * React glue around AutosaveQueue: exposes the save state, warns before the tab closes with
 * unsaved answers, and sends what is pending when the tab is hidden or the component unmounts
 * (navigating elsewhere in the app). `save` may change between renders; the latest one is used.
 */
export function useAutosave(save: (batch: SaveBatch) => Promise<{ savedAt: Date }>) {
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);
  const [queue] = useState(() => new AutosaveQueue({ save: (batch) => saveRef.current(batch), onState: setState }));

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (queue.hasUnsaved()) e.preventDefault();
    };
    // Leaving the tab (or closing it on a phone) is the last reliable moment to save.
    const hide = () => {
      if (document.visibilityState === "hidden") void queue.flush();
    };
    window.addEventListener("beforeunload", warn);
    document.addEventListener("visibilitychange", hide);
    return () => {
      window.removeEventListener("beforeunload", warn);
      document.removeEventListener("visibilitychange", hide);
      void queue.flush();
    };
  }, [queue]);

  return { state, queue };
}
