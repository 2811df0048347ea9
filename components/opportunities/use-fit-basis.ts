"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { FitBasis } from "@/server/opportunities/map";

/** Founder or team fit, kept in the URL (?basis=team) so links and reloads keep it. */
export function useFitBasis(): [FitBasis, (b: FitBasis) => void, string] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const basis: FitBasis = params.get("basis") === "team" ? "team" : "founder";
  const set = (b: FitBasis) => {
    const next = new URLSearchParams(params);
    if (b === "team") next.set("basis", "team");
    else next.delete("basis");
    const qs = next.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  };
  return [basis, set, basis === "team" ? "?basis=team" : ""];
}
