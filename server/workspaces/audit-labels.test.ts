import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "./audit";

const labels = (locale: string) =>
  (JSON.parse(readFileSync(path.join(process.cwd(), "messages", locale, "workspace.json"), "utf8")) as { audit: { actions: object } }).audit
    .actions;

describe("audit log labels", () => {
  it.each(["en", "zh"])("every audited action reads as a sentence in %s, not as its code", (locale) => {
    const missing = AUDIT_ACTIONS.map((a) => a.replace(/\./g, "_")).filter((key) => !(key in labels(locale)));
    expect(missing).toEqual([]);
  });
});
