import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/server/i18n/locale";
import { ZIP_REASONS } from "@/server/prototypes/rest-predict-body";
import { callerLocale, errorMessage, fileErrorMessage, REST_ERROR_REASONS } from "./error-messages";

const catalogue = (locale: string) =>
  (JSON.parse(readFileSync(path.join(process.cwd(), "messages", locale, "api.json"), "utf8")) as { errors: Record<string, string> }).errors;

/**
 * The files on the path of a REST request (the wrapper, body reading, the predict endpoint): every reason
 * literal they throw or answer with must be listed in REST_ERROR_REASONS, so a new one cannot ship untranslated.
 */
const REST_SOURCES = [
  "server/http/route.ts",
  "server/http/body.ts",
  "server/prototypes/rest-predict.ts",
  "server/prototypes/rest-predict-body.ts",
  "server/prototypes/predict.ts",
];

function reasonsThrownIn(file: string): string[] {
  const source = readFileSync(path.join(process.cwd(), file), "utf8");
  const patterns = [
    /new (?:DomainError|HttpError)\(\s*"[A-Z_]+",\s*"(\w+)"/g,
    /errorJson\(\s*locale,\s*\d+,\s*"(\w+)"/g,
    /error: \{ reason: "(\w+)"/g,
  ];
  return patterns.flatMap((re) => [...source.matchAll(re)].map((m) => m[1]!));
}

// Arguments each reason's details carry, for rendering every sentence.
const sampleDetails = { accepted: "image/*", maxMb: 10, max: 16, maxEntries: 200, limit: 120, retryAfter: 30 };

describe("REST error messages", () => {
  it("list every reason the REST path can answer with", () => {
    const listed = new Set<string>(REST_ERROR_REASONS);
    const thrown = [...REST_SOURCES.flatMap(reasonsThrownIn), ...Object.values(ZIP_REASONS)];
    expect(thrown.length).toBeGreaterThan(15);
    expect(thrown.filter((reason) => !listed.has(reason))).toEqual([]);
  });

  it("have a sentence for every reason in every language, never the English one in Chinese", () => {
    const missing: string[] = [];
    for (const locale of LOCALES)
      for (const reason of REST_ERROR_REASONS) if (!catalogue(locale)[reason]?.trim()) missing.push(`${locale}: ${reason}`);
    expect(missing).toEqual([]);
    const untranslated = REST_ERROR_REASONS.filter((reason) => catalogue("zh")[reason] === catalogue("en")[reason]);
    expect(untranslated).toEqual([]);
  });

  it("render every reason with its details in both languages", async () => {
    for (const locale of LOCALES)
      for (const reason of REST_ERROR_REASONS) {
        const text = await errorMessage(locale, reason, sampleDetails);
        expect(text, `${locale} ${reason}`).toBeTruthy();
        expect(text, `${locale} ${reason}`).not.toMatch(/[{}]/);
      }
    expect(await errorMessage("zh", "bodyTooLarge", { maxMb: 10 })).toBe("请求超过了 10 MB 的上限。");
    expect(await errorMessage("en", "tooManyImages", { max: 16 })).toBe("Send at most 16 images per request.");
  });

  it("answer null for a reason without a sentence, or without the argument its sentence needs", async () => {
    expect(await errorMessage("en", "somethingNew")).toBeNull();
    expect(await errorMessage("zh", "bodyTooLarge", {})).toBeNull();
  });

  it("word a refused file as the upload page does, keeping the reader's English when there is no sentence", async () => {
    expect(await fileErrorMessage("zh", "notAnImage", "not an image")).toBe("这不是图片文件。");
    expect(await fileErrorMessage("en", "somethingNew", "the reader's words")).toBe("the reader's words");
  });

  it("take the caller's language from Accept-Language, English by default", () => {
    const req = (lang?: string) => new Request("http://x/", { headers: lang ? { "accept-language": lang } : {} });
    expect(callerLocale(req("zh-CN,zh;q=0.9"))).toBe("zh");
    expect(callerLocale(req("fr"))).toBe("en");
    expect(callerLocale(req())).toBe("en");
  });
});
