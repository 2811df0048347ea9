import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/server/i18n/locale";
import { NAMESPACES } from "@/server/i18n/messages";

/*
 * Each layout or page that renders <ClientMessages namespaces={[…]}> hands its subtree only those
 * namespaces or sub-trees of one ("prototypes.evidence"). This walks the imports of every route file
 * from app/, marks what a "use client" file (and everything it imports) asks `useTranslations`/
 * `useErrorMessage` for — the whole literal, "prototypes.runs.status" — and checks that the nearest
 * <ClientMessages> above the route file — in the file itself, else in the closest layout — lists
 * that path or one above it. A component reads keys only inside the namespace it asked for, so a
 * covered ask gets all its keys; a missing one would show raw keys in the browser.
 */

const ROOT = path.resolve(__dirname, "../..");
const APP = path.join(ROOT, "app");
const ROUTE_FILE = /^(page|layout|error|not-found|loading|template)\.tsx$/;

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const ext of ["", ".ts", ".tsx", ".mjs", "/index.ts", "/index.tsx"]) {
    const file = base + ext;
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return null;
}

interface SourceFile {
  client: boolean;
  imports: string[];
  /** Namespace arguments as written: a string literal ("prototypes.evidence"), or the raw expression. */
  asks: { namespace: string | null; raw: string }[];
}

const files = new Map<string, SourceFile>();
function read(file: string): SourceFile {
  let parsed = files.get(file);
  if (!parsed) {
    const text = readFileSync(file, "utf8");
    // Type-only imports are erased before bundling: they bring no translations into the browser.
    const imports = [
      ...text.matchAll(/(?:import(?!\s+type\b)|export(?!\s+type\b))[^"';]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g),
    ]
      .map((m) => resolveImport(file, (m[1] ?? m[2])!))
      .filter((f): f is string => f !== null);
    // Calls, not declarations; the error hooks without an argument read "common.errors".
    const asks = [...text.matchAll(/(?<!function )\b(useTranslations|useErrorMessage|useRouteErrorMessage)\(([^)]*)\)/g)].map((m) => {
      const raw = m[2]!.trim();
      if (raw === "" && m[1] !== "useTranslations") return { raw, namespace: "common.errors" };
      return { raw, namespace: raw.match(/^(["'])([^"']+)\1$/)?.[2] ?? null };
    });
    parsed = { client: /^\s*["']use client["']/.test(text), imports, asks };
    files.set(file, parsed);
  }
  return parsed;
}

/** Namespaces the client components reachable from `entry` ask for; expressions that are not a literal go to `dynamic`. */
function clientNamespaces(entry: string) {
  const namespaces = new Set<string>();
  const dynamic: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string, underClient: boolean) => {
    const key = `${file}|${underClient}`;
    if (seen.has(key)) return;
    seen.add(key);
    const source = read(file);
    const client = underClient || source.client;
    if (client)
      for (const ask of source.asks) {
        if (ask.namespace) namespaces.add(ask.namespace);
        else dynamic.push(`${path.relative(ROOT, file)}: ${ask.raw || "(no argument)"}`);
      }
    for (const dep of source.imports) visit(dep, client);
  };
  visit(entry, false);
  return { namespaces, dynamic };
}

/** The namespaces a route file's own <ClientMessages> gives, or null when it renders none. */
function declared(file: string): string[] | null {
  const m = readFileSync(file, "utf8").match(/<ClientMessages\s+namespaces=\{\[([^\]]*)\]\}\s*>/);
  return m ? [...m[1]!.matchAll(/"([^"]+)"/g)].map((n) => n[1]!) : null;
}

/** The nearest <ClientMessages> above a route file: its own, else the closest layout's up to app/. */
function providerFor(file: string): { at: string; namespaces: string[] } {
  const own = declared(file);
  if (own) return { at: file, namespaces: own };
  for (let dir = path.dirname(file); dir.startsWith(APP); dir = path.dirname(dir)) {
    const layout = path.join(dir, "layout.tsx");
    if (layout !== file && existsSync(layout)) {
      const list = declared(layout);
      if (list) return { at: layout, namespaces: list };
    }
  }
  throw new Error(`no <ClientMessages> above ${path.relative(ROOT, file)}`);
}

/** Whether a listed path gives a component what it asked for: the same path, or one above it. */
function covers(listed: readonly string[], ask: string): boolean {
  return listed.some((path) => ask === path || ask.startsWith(`${path}.`));
}

/** The sub-tree of the catalogue at a path ("prototypes.runs.status"), or undefined. */
function messagesAt(locale: string, messagePath: string): unknown {
  const [namespace, ...keys] = messagePath.split(".");
  const file = path.join(ROOT, "messages", locale, `${namespace}.json`);
  if (!existsSync(file)) return undefined;
  let node: unknown = JSON.parse(readFileSync(file, "utf8"));
  for (const key of keys)
    node = typeof node === "object" && node !== null && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return ROUTE_FILE.test(name) ? [full] : [];
  });
}

// The one helper that takes its namespace from its caller; its callers' literals are checked instead.
const DYNAMIC_ALLOWED = [/^components\/ui\/errors\.ts: namespace \?\? "common\.errors"$/];

describe("ClientMessages: every page's client components get the message namespaces they use", () => {
  const routes = routeFiles(APP);

  it("finds the route files and the client components' namespaces (the walk itself works)", () => {
    expect(routes.length).toBeGreaterThan(30);
    const team = clientNamespaces(path.join(APP, "w/[slug]/team/page.tsx")).namespaces;
    expect([...team].map((ns) => ns.split(".")[0])).toEqual(expect.arrayContaining(["common", "workspace"]));
    // The workspace home's run status asks for a sub-tree, and the error hooks without an argument for "common.errors".
    const home = clientNamespaces(path.join(APP, "w/[slug]/page.tsx")).namespaces;
    expect([...home]).toEqual(expect.arrayContaining(["prototypes.runs.status", "ideas.report.verdict"]));
    expect([...clientNamespaces(path.join(APP, "w/[slug]/ideas/page.tsx")).namespaces]).toContain("common.errors");
  });

  it("takes a path as covering itself and what lies under it, nothing beside or above it", () => {
    expect(covers(["prototypes"], "prototypes.evidence")).toBe(true);
    expect(covers(["prototypes.evidence"], "prototypes.evidence")).toBe(true);
    expect(covers(["prototypes.runs"], "prototypes.runs.status")).toBe(true);
    expect(covers(["prototypes.evidence"], "prototypes")).toBe(false);
    expect(covers(["prototypes.run"], "prototypes.runs")).toBe(false);
    expect(covers(["ideas.report.verdict"], "ideas.report")).toBe(false);
  });

  it.each(routes.map((f) => [path.relative(ROOT, f), f]))("%s", (_name, file) => {
    const { namespaces, dynamic } = clientNamespaces(file);
    expect(dynamic.filter((d) => !DYNAMIC_ALLOWED.some((re) => re.test(d)))).toEqual([]);
    const provider = providerFor(file);
    for (const listed of provider.namespaces) {
      expect(NAMESPACES).toContain(listed.split(".")[0]);
      // A sub-tree, in every language: a misspelt path would hand the page nothing.
      for (const locale of LOCALES) expect(typeof messagesAt(locale, listed), `${listed} in messages/${locale}`).toBe("object");
    }
    const missing = [...namespaces].filter((ns) => !covers(provider.namespaces, ns));
    expect(missing, `${path.relative(ROOT, provider.at)} should list ${missing.join(", ")}`).toEqual([]);
  });
});

/**
 * Whether a listed path is used whole: a component asks for it, or for each thing inside it (all
 * eighteen parts of `prototypes` on the prototype pages). A leaf string inside counts only when the
 * path itself is asked for: only `useTranslations` on the path reads it.
 */
function usedWhole(listed: string, asks: ReadonlySet<string>): boolean {
  if (asks.has(listed)) return true;
  const node = messagesAt("en", listed);
  if (typeof node !== "object" || node === null) return false;
  const keys = Object.keys(node);
  return keys.length > 0 && keys.every((key) => usedWhole(`${listed}.${key}`, asks));
}

describe("ClientMessages: no list hands its pages more than their client components use", () => {
  const ROOT_LAYOUT = path.join(APP, "layout.tsx");
  // The root layout's list reaches every page: a nested list naming the same namespace adds no bytes
  // (React sends an object it has already sent in the same page as a reference to it).
  const everywhere = declared(ROOT_LAYOUT) ?? [];
  const asksUnder = new Map<string, Set<string>>();
  for (const file of routeFiles(APP)) {
    const at = providerFor(file).at;
    const asks = asksUnder.get(at) ?? new Set<string>();
    for (const ns of clientNamespaces(file).namespaces) asks.add(ns);
    asksUnder.set(at, asks);
  }

  it("flags a whole namespace given where only parts of it are used, and an unused one", () => {
    const home = new Set(["common", "ideas.report.verdict", "prototypes.evidence"]);
    expect(usedWhole("ideas", home)).toBe(false);
    expect(usedWhole("ideas.report.verdict", home)).toBe(true);
    expect(usedWhole("opportunities", home)).toBe(false);
    const allOfWorkspace = new Set(["workspace.switcher", "workspace.team", "workspace.settings", "workspace.audit", "workspace.apiKeys"]);
    expect(usedWhole("workspace", allOfWorkspace)).toBe(true);
  });

  it.each([...asksUnder].map(([at, asks]) => [path.relative(ROOT, at), at, asks] as const))("%s", (name, at, asks) => {
    const extra = declared(at)!.filter((listed) => !(at !== ROOT_LAYOUT && everywhere.includes(listed)) && !usedWhole(listed, asks));
    expect(extra, `${name} lists more than its pages use; list what they ask for: ${[...asks].sort().join(", ")}`).toEqual([]);
  });
});
