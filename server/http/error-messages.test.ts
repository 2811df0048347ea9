import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ImageRejectionReason } from "@/ml/data/images";
import type { ZipEntryRejectionReason, ZipEntrySkipReason } from "@/ml/data/zip";
import { LOCALES } from "@/server/i18n/locale";
import { ZIP_REASONS } from "@/server/prototypes/rest-predict-body";
import { ZIP_ERROR_REASONS } from "@/server/prototypes/uploads";
import { callerLocale, errorMessage, fileErrorMessage, pageErrors, REST_ERROR_REASONS } from "./error-messages";

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
    /errorJson\(\s*wording,\s*\d+,\s*"(\w+)"/g,
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

  it("prefer the account's saved language, then the language picker's cookie, to Accept-Language, as pages do", () => {
    const req = (headers: Record<string, string>) => new Request("http://x/", { headers });
    const english = { "accept-language": "en-GB,en;q=0.9" };
    expect(callerLocale(req({ ...english, cookie: "theme=dark; vl-locale=zh; other=1" }))).toBe("zh");
    expect(callerLocale(req({ ...english, cookie: "vl-locale=zh" }), "en")).toBe("en");
    expect(callerLocale(req(english), "zh")).toBe("zh");
    // A cookie or saved value the app does not speak is ignored.
    expect(callerLocale(req({ "accept-language": "zh-CN", cookie: "vl-locale=fr" }), "klingon")).toBe("zh");
  });
});

/** The wrapper's own reasons (origin, content type, database, sign-in, scope, body), common to every route. */
const WRAPPER_SOURCES = ["server/http/route.ts", "server/http/body.ts", "server/http/scopes.ts"];

/**
 * The routes the app's own pages call, each with the domain files on its path and the reasons those answer
 * with that a literal scan cannot see (a mapped zip reason, an archived prototype, a row `found()` did not find).
 */
const PAGE_ROUTES = [
  { route: "app/api/prototypes/[id]/images/route.ts", sources: ["server/prototypes/uploads.ts"], also: ["archived", "notFound"] },
  {
    route: "app/api/prototypes/[id]/zip/route.ts",
    sources: ["server/prototypes/uploads.ts"],
    also: [...Object.values(ZIP_ERROR_REASONS), "archived", "notFound"],
  },
  { route: "app/api/prototypes/[id]/runs/[runId]/export/route.ts", sources: ["server/prototypes/export-zip.ts"], also: ["notFound"] },
  { route: "app/api/prototypes/[id]/images/[imageId]/route.ts", sources: [], also: ["notFound"] },
  { route: "app/api/prototypes/[id]/kept/[keptId]/route.ts", sources: [], also: ["notFound"] },
];

/** Every reason a file of an upload report can carry (the record makes the type checker list them all). */
const FILE_REASONS: Record<ImageRejectionReason | ZipEntryRejectionReason | ZipEntrySkipReason | "duplicate", true> = {
  empty: true,
  tooLarge: true,
  notAnImage: true,
  unsupportedFormat: true,
  tooManyPixels: true,
  corrupt: true,
  unsafePath: true,
  link: true,
  notARegularFile: true,
  noClassFolder: true,
  totalTooLarge: true,
  encrypted: true,
  unsupportedCompression: true,
  sizeMismatch: true,
  compressionRatio: true,
  systemFile: true,
  nestedArchive: true,
  emptyFolder: true,
  duplicate: true,
};

const han = /[\u4e00-\u9fff]/;

describe("errors of the routes the app's pages call", () => {
  for (const { route, sources, also } of PAGE_ROUTES)
    it(`${route}: a sentence for every reason in every language, as its page words it`, async () => {
      const page = /messages: pageErrors\("([\w.]+)"\)/.exec(readFileSync(path.join(process.cwd(), route), "utf8"))?.[1];
      expect(page, "the route names its page's catalogue").toMatch(/^prototypes\.(dataErrors|runErrors)$/);
      const reasons = [...new Set([...[...WRAPPER_SOURCES, route, ...sources].flatMap(reasonsThrownIn), ...also])];
      expect(reasons.length).toBeGreaterThan(10);
      const missing: string[] = [];
      for (const reason of reasons) {
        const [en, zh] = await Promise.all(
          (["en", "zh"] as const).map((l) => errorMessage(l, reason, sampleDetails, pageErrors(page as "prototypes.dataErrors"))),
        );
        if (!en || /[{}]/.test(en) || !zh || !han.test(zh)) missing.push(reason);
      }
      expect(missing).toEqual([]);
    });

  it("take the page's own words before the REST API's", async () => {
    expect(await errorMessage("zh", "zipTooManyEntries", {}, pageErrors("prototypes.dataErrors"))).toBe(
      "压缩包中的文件太多，请拆分成几次上传。",
    );
    expect(await errorMessage("en", "unsupportedMediaType", { accepted: "image/*" }, pageErrors("prototypes.dataErrors"))).toBe(
      "The server does not accept this kind of file here.",
    );
    expect(await errorMessage("en", "unsupportedMediaType", { accepted: "image/*" })).toBe("Send the body as image/*.");
  });

  it("word every reason a file of an upload report can carry, never the reader's English in Chinese", async () => {
    const fallback = "the reader's English";
    for (const reason of Object.keys(FILE_REASONS))
      for (const locale of LOCALES) {
        const text = await fileErrorMessage(locale, reason, fallback, { className: "cats" });
        expect(text, `${locale} ${reason}`).not.toBe(fallback);
        if (locale === "zh") expect(text, reason).toMatch(han);
      }
  });
});
