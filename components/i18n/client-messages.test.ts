import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NAMESPACES } from "@/server/i18n/messages";

/*
 * Each layout or page that renders <ClientMessages namespaces={[…]}> hands its subtree only those
 * namespaces. This walks the imports of every route file from app/, marks what a "use client" file
 * (and everything it imports) asks `useTranslations`/`useErrorMessage` for, and checks that the
 * nearest <ClientMessages> above the route file — in the file itself, else in the closest layout —
 * lists each of those namespaces. A missing one would show raw keys in the browser.
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
  /** Namespace arguments as written: a string literal's first segment, or the raw expression. */
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
      if (raw === "" && m[1] !== "useTranslations") return { raw, namespace: "common" };
      return { raw, namespace: raw.match(/^["']([^"'.]+)/)?.[1] ?? null };
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
  const m = readFileSync(file, "utf8").match(/<ClientMessages namespaces=\{\[([^\]]*)\]\}>/);
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
    expect([...team]).toEqual(expect.arrayContaining(["common", "workspace"]));
  });

  it.each(routes.map((f) => [path.relative(ROOT, f), f]))("%s", (_name, file) => {
    const { namespaces, dynamic } = clientNamespaces(file);
    expect(dynamic.filter((d) => !DYNAMIC_ALLOWED.some((re) => re.test(d)))).toEqual([]);
    const provider = providerFor(file);
    for (const ns of provider.namespaces) expect(NAMESPACES).toContain(ns);
    const missing = [...namespaces].filter((ns) => !provider.namespaces.includes(ns));
    expect(missing, `${path.relative(ROOT, provider.at)} should list ${missing.join(", ")}`).toEqual([]);
  });
});
