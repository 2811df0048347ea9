import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";

/**
 * "English left on a Chinese page": visible text (and accessible names, placeholders, the title)
 * that still holds an English word once product names and user content are taken out.
 *
 * User content is what people typed, so it stays in their language: here that is the demo
 * workspace (the string literals of the demo seed modules), the names the sweep itself creates,
 * and the reference data's untranslated fields (source names, publication titles: everything in
 * the opportunity data set that is a plain string rather than an { en, zh } pair). Code samples
 * (<code>, <pre>, <kbd>) and elements marked translate="no" are not prose and are skipped.
 */

/** Names of products, formats and units that stay as they are in Chinese text. */
export const PRODUCT_WORDS = new Set(
  [
    "VentureLens",
    "MobileNet",
    "ImageNet",
    "ONNX",
    "Runtime",
    "TensorFlow",
    "TF.js",
    "js",
    "WebAssembly",
    "WASM",
    "SIMD",
    "CPU",
    "GPU",
    "CUDA",
    "CSV",
    "JSON",
    "API",
    "REST",
    "URL",
    "ZIP",
    "PNG",
    "JPEG",
    "JPG",
    "WebP",
    "GitHub",
    "Google",
    "Cronbach",
    "nsfwjs",
    "npm",
    "Keras",
    "Hub",
    "USD",
    "PCB",
    "SaaS",
    "Node",
    "curl",
    "Bearer",
    "img",
  ].map((w) => w.toLowerCase()),
);

const ROOT = process.cwd();
const REFERENCE_DIR = "prisma/seed/data/opportunities/v1";
const REFERENCE_FILES = ["meta.json", "education.json", "finance.json", "healthcare.json", "manufacturing.json", "transportation.json"];

/** String literals of a TypeScript source file ("…" and `…` without interpolation). */
function literalsOf(file: string): string[] {
  const src = readFileSync(path.join(ROOT, file), "utf8");
  const out: string[] = [];
  for (const m of src.matchAll(/"((?:[^"\\\n]|\\.)*)"|`([^`$]*)`/g)) out.push((m[1] ?? m[2] ?? "").replace(/\\(.)/g, "$1"));
  return out;
}

/** The reference data's plain strings: names and titles the data set does not translate. */
function untranslatedReferenceStrings(): string[] {
  const out: string[] = [];
  const visit = (v: unknown) => {
    if (typeof v === "string") out.push(v);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") {
      const keys = Object.keys(v);
      // { en, zh } pairs are translated texts: their English side must not show in Chinese.
      if (keys.includes("en") && keys.includes("zh")) return;
      Object.values(v).forEach(visit);
    }
  };
  for (const f of REFERENCE_FILES) visit(JSON.parse(readFileSync(path.join(ROOT, REFERENCE_DIR, f), "utf8")));
  return out;
}

const CJK = /[\u3400-\u9fff]/;
const LATIN_WORD = /[A-Za-z][A-Za-z.'-]*[A-Za-z]/g;

/**
 * Latin words a translator kept inside Chinese text (in messages/zh and the data set's zh sides):
 * names like MobileNet, PDF or FDA. Only strings that also hold Chinese count, so an untranslated
 * English message in zh.json does not vouch for itself.
 */
function wordsKeptInChinese(): Set<string> {
  const words = new Set<string>();
  const visit = (v: unknown, zhSide: boolean) => {
    if (typeof v === "string") {
      if (zhSide && CJK.test(v)) for (const w of v.match(LATIN_WORD) ?? []) words.add(w.toLowerCase());
    } else if (Array.isArray(v)) v.forEach((x) => visit(x, zhSide));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) visit(x, zhSide || k === "zh");
  };
  const zhDir = path.join(ROOT, "messages/zh");
  for (const f of readdirSync(zhDir)) if (f.endsWith(".json")) visit(JSON.parse(readFileSync(path.join(zhDir, f), "utf8")), true);
  for (const f of REFERENCE_FILES) visit(JSON.parse(readFileSync(path.join(ROOT, REFERENCE_DIR, f), "utf8")), false);
  return words;
}

export function userContent(extra: string[]): string[] {
  const seeded = [
    "prisma/seed/index.ts",
    "server/assessment/demo.ts",
    "server/ideas/demo.ts",
    "server/opportunities/demo.ts",
    "server/prototypes/demo.ts",
    "ml/data/surfaces.ts",
  ].flatMap(literalsOf);
  return [...new Set([...seeded, ...untranslatedReferenceStrings(), ...extra])]
    .map((s) => s.trim())
    .filter((s) => /[A-Za-z]{2}/.test(s))
    .sort((a, b) => b.length - a.length);
}

export interface PageText {
  text: string;
  where: string;
}

/** Visible text nodes, accessible names, titles and placeholders of the page, with where they sit. */
export function pageTexts(page: Page): Promise<PageText[]> {
  return page.evaluate(() => {
    const SKIP = "script, style, noscript, code, pre, kbd, samp, [translate='no']";
    const describe = (el: Element) => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && parts.length < 3 && e !== document.body; e = e.parentElement) {
        const id = e.id ? `#${e.id}` : e.getAttribute("data-testid") ? `[data-testid=${e.getAttribute("data-testid")}]` : "";
        parts.unshift(e.tagName.toLowerCase() + id);
      }
      return parts.join(" > ");
    };
    const visible = (el: Element) => (el as HTMLElement).checkVisibility?.({ visibilityProperty: true }) ?? true;
    const out: { text: string; where: string }[] = [{ text: document.title, where: "title" }];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim();
      if (!el || !text || el.closest(SKIP) || !visible(el)) continue;
      out.push({ text, where: describe(el) });
    }
    for (const el of document.body.querySelectorAll("[aria-label], [title], [placeholder], img[alt]")) {
      if (el.closest(SKIP) || !visible(el)) continue;
      for (const attr of ["aria-label", "title", "placeholder", "alt"]) {
        const v = el.getAttribute(attr)?.trim();
        if (v) out.push({ text: v, where: `${describe(el)} @${attr}` });
      }
    }
    return out;
  });
}

/** The texts that still read as English once allowed names and user content are removed. */
let kept: Set<string> | null = null;

export function englishIn(texts: PageText[], allowed: string[]): PageText[] {
  kept ??= wordsKeptInChinese();
  const ok = (w: string) => w.length < 3 || PRODUCT_WORDS.has(w.toLowerCase()) || kept!.has(w.toLowerCase());
  return texts.filter(({ text }) => {
    let rest = text;
    if (allowed.some((a) => a.includes(rest))) return false;
    for (const a of allowed) if (rest.includes(a)) rest = rest.split(a).join(" ");
    rest = rest
      .replace(/https?:\/\/\S+/g, " ")
      .replace(/\S+@\S+\.\S+/g, " ")
      .replace(/[\w.-]+\.(png|jpe?g|webp|gif|zip|csv|json|onnx|md)\b/gi, " ");
    return (rest.match(LATIN_WORD) ?? []).some((w) => !ok(w));
  });
}
