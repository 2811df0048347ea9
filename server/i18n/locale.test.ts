import { describe, expect, it } from "vitest";
import { asLocale, fromAcceptLanguage, localized } from "./locale";

describe("fromAcceptLanguage", () => {
  it("takes the first language the app speaks, regional variants included", () => {
    expect(fromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh");
    expect(fromAcceptLanguage("fr-FR, zh-TW;q=0.8, en;q=0.5")).toBe("zh");
    expect(fromAcceptLanguage("en-GB,zh;q=0.5")).toBe("en");
  });

  it("falls back to English when none is spoken or there is no header", () => {
    expect(fromAcceptLanguage("fr, de")).toBe("en");
    expect(fromAcceptLanguage(null)).toBe("en");
  });
});

describe("asLocale and localized", () => {
  it("keeps a known locale and defaults anything else", () => {
    expect(asLocale("zh")).toBe("zh");
    expect(asLocale("fr")).toBe("en");
  });

  it("builds a value for every language", () => {
    expect(localized((l) => l.toUpperCase())).toEqual({ en: "EN", zh: "ZH" });
  });
});
