import type { Text } from "@/server/opportunities/view";
import type { Locale } from "@/server/i18n/locale";

export type { Locale };

/** Curated texts carry both languages; a workspace's own are plain strings. */
export function pick(text: Text, locale: Locale): string {
  return typeof text === "string" ? text : text[locale];
}

function num(x: number): string {
  return x >= 100 ? String(Math.round(x)) : String(Math.round(x * 10) / 10);
}

/** A USD-billion range: "$0.7–2 bn" in English, "7–20 亿美元" in Chinese (1 bn = 10 亿). */
export function usdRange(low: number, high: number, locale: Locale): string {
  if (locale === "zh") {
    const [l, h] = [num(low * 10), num(high * 10)];
    return l === h ? `${l} 亿美元` : `${l}–${h} 亿美元`;
  }
  const [l, h] = [num(low), num(high)];
  return l === h ? `$${l} bn` : `$${l}–${h} bn`;
}

/** Fit 0–100 as a colour from red through amber to green; grey when there is no fit. */
export function fitColour(fit: number | null): string {
  if (fit === null) return "hsl(220 9% 60%)";
  return `hsl(${Math.round(Math.max(0, Math.min(100, fit)) * 1.2)} 70% 45%)`;
}

export function score(x: number | null): string {
  return x === null ? "—" : String(Math.round(x));
}
