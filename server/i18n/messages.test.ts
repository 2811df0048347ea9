import { readFileSync } from "node:fs";
import path from "node:path";
import { TYPE, parse, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { LOCALES } from "./locale";
import { loadMessages, NAMESPACES, pickMessages } from "./messages";

type Tree = { [key: string]: string | Tree };

function read(locale: string, ns: string): Tree {
  return JSON.parse(readFileSync(path.join(process.cwd(), "messages", locale, `${ns}.json`), "utf8")) as Tree;
}

/** Every leaf as "namespace.path.to.key" → message. */
function flatten(tree: Tree, prefix: string, into = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    const id = `${prefix}.${key}`;
    if (typeof value === "string") into.set(id, value);
    else flatten(value, id, into);
  }
  return into;
}

/**
 * The argument names a message uses ({name}, {count, plural, …}, <tag>…</tag>): every translation must use the
 * same ones. Only names: Chinese has no plural forms, so `{count}` there answers `{count, plural, …}` in English.
 */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    into.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) for (const option of Object.values(el.options)) argumentsOf(option.value, into);
    if (el.type === TYPE.tag) argumentsOf(el.children, into);
  }
  return into;
}

const catalogues = Object.fromEntries(
  LOCALES.map((locale) => [locale, new Map(NAMESPACES.flatMap((ns) => [...flatten(read(locale, ns), ns)]))]),
) as Record<(typeof LOCALES)[number], Map<string, string>>;

describe("UI messages", () => {
  it("have the same keys in every language", () => {
    const [first, ...others] = LOCALES;
    for (const other of others) {
      const missing = [...catalogues[first].keys()].filter((k) => !catalogues[other].has(k));
      const extra = [...catalogues[other].keys()].filter((k) => !catalogues[first].has(k));
      expect({ locale: other, missing, extra }).toEqual({ locale: other, missing: [], extra: [] });
    }
  });

  it("are valid ICU messages, without dots in keys, and use the same arguments in every language", () => {
    const problems: string[] = [];
    for (const [id, en] of catalogues.en) {
      if (id.split(".").some((part) => part === "")) problems.push(`${id}: empty key part`);
      const parsed = Object.fromEntries(
        LOCALES.map((locale) => {
          try {
            return [locale, argumentsOf(parse(catalogues[locale].get(id) ?? en))];
          } catch (err) {
            problems.push(`${locale} ${id}: ${(err as Error).message}`);
            return [locale, new Set<string>()];
          }
        }),
      );
      for (const locale of LOCALES) {
        const a = [...parsed.en!].sort().join(",");
        const b = [...parsed[locale]!].sort().join(",");
        if (a !== b) problems.push(`${locale} ${id}: arguments {${b}} differ from English {${a}}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("pickMessages (what <ClientMessages> hands the browser)", () => {
  const all = {
    common: { errors: { network: "Offline" }, title: "VentureLens" },
    prototypes: {
      evidence: { field: "Field" },
      runs: { status: { QUEUED: "Queued" }, tabs: { results: "Results" } },
      train: { go: "Train" },
    },
    ideas: { report: { verdict: { go: "Go" } } },
  };

  it("gives whole namespaces and sub-trees nested as in the catalogue, and nothing else", () => {
    const picked = pickMessages(all, ["common", "prototypes.evidence", "prototypes.runs.status", "ideas.report.verdict"]);
    expect(picked).toEqual({
      common: all.common,
      prototypes: { evidence: { field: "Field" }, runs: { status: { QUEUED: "Queued" } } },
      ideas: { report: { verdict: { go: "Go" } } },
    });
    // The catalogue's own objects, not copies: React serialises an object it has already sent once.
    expect(picked.common).toBe(all.common);
    expect((picked.prototypes as typeof all.prototypes).evidence).toBe(all.prototypes.evidence);
  });

  it("lets a whole namespace win over a sub-tree of it, in either order, and skips paths that name nothing", () => {
    expect(pickMessages(all, ["prototypes.evidence", "prototypes"])).toEqual({ prototypes: all.prototypes });
    expect(pickMessages(all, ["prototypes.runs", "prototypes.runs.tabs"])).toEqual({ prototypes: { runs: all.prototypes.runs } });
    expect(pickMessages(all, ["prototypes.nothing", "api", "common.title.deeper"])).toEqual({});
  });

  it("reads the real catalogue the same way", async () => {
    const en = await loadMessages("en");
    const picked = pickMessages(en, ["prototypes.runs.status"]) as { prototypes: { runs: Record<string, unknown> } };
    expect(Object.keys(picked)).toEqual(["prototypes"]);
    expect(Object.keys(picked.prototypes.runs)).toEqual(["status"]);
    expect(picked.prototypes.runs.status).toBe((en.prototypes as { runs: { status: unknown } }).runs.status);
  });
});
