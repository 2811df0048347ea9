import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/server/db";
import { createApiKey } from "@/server/prototypes/api-keys";
import { createUser } from "@/server/test/factories";
import type { SessionUser } from "@/server/trpc";
import { DOMAINS } from "./cross-tenant";
import { ROUTE_CASES } from "./cross-tenant/routes";
import type { TestUser, VictimIds } from "./cross-tenant/types";

let sessionUser: SessionUser | null = null;
vi.mock("@/server/next/auth", () => ({ getSessionUser: async () => sessionUser }));

/** Tenant isolation of the route handlers; the tRPC procedures are walked by cross-tenant.int.test.ts. */
const API_DIR = path.join(process.cwd(), "app", "api");
const OWN_WRAPPERS = new Set(["auth", "trpc"]);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string, prefix = "/api"): Array<{ route: string; file: string }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile() && entry.name === "route.ts") return [{ route: prefix, file: path.join(dir, entry.name) }];
    if (!entry.isDirectory() || (prefix === "/api" && OWN_WRAPPERS.has(entry.name))) return [];
    return routeFiles(path.join(dir, entry.name), `${prefix}/${entry.name}`);
  });
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const handlers = new Map<string, Handler>();
for (const { route, file } of routeFiles(API_DIR)) {
  const mod = (await import(file)) as Record<string, unknown>;
  for (const method of METHODS) if (typeof mod[method] === "function") handlers.set(`${method} ${route}`, mod[method] as Handler);
}

describe("cross-tenant isolation of route handlers", () => {
  let victim: TestUser;
  let attacker: TestUser;
  let attackerKey: string;
  let attackerPrototypeId: string;
  let ids: VictimIds = {};
  // Images and kept predictions: an outsider's call (a prediction included) must store neither.
  const stored = async () =>
    (await getDb().prototypeImage.count({ where: { workspaceId: victim.workspace.id } })) +
    (await getDb().keptPrediction.count({ where: { workspaceId: victim.workspace.id } }));

  beforeAll(async () => {
    victim = await createUser({ name: "Victim" });
    attacker = await createUser({ name: "Attacker" });
    for (const d of DOMAINS) if (d.fixture) ids = { ...ids, ...(await d.fixture(victim)) };
    attackerKey = (await createApiKey(getDb(), { workspaceId: attacker.workspace.id, userId: attacker.user.id, name: "attacker" })).key;
    const own = await attacker.caller.prototypes.create({ workspaceId: attacker.workspace.id, name: "Mine", classes: ["a", "b"] });
    attackerPrototypeId = own.id;
  });

  it("has an entry for every route handler", () => {
    const missing = [...handlers.keys()].filter((k) => !(k in ROUTE_CASES));
    expect(missing, "add these route handlers to server/test/cross-tenant/routes.ts").toEqual([]);
    const stale = Object.keys(ROUTE_CASES).filter((k) => !handlers.has(k));
    expect(stale, "these entries name route handlers that no longer exist").toEqual([]);
  });

  const tested = Object.entries(ROUTE_CASES).filter(([, c]) => c.kind !== "exempt");

  it.each(tested.map(([key]) => key))("%s refuses an outsider", async (key) => {
    const c = ROUTE_CASES[key] as Exclude<(typeof ROUTE_CASES)[string], { kind: "exempt" }>;
    const [method, route] = key.split(" ") as [string, string];
    const call = async (params: Record<string, string>) => {
      const payload = c.body?.(ids);
      const headers: Record<string, string> = { host: "localhost:3000", "sec-fetch-site": "same-origin" };
      if (payload?.contentType) headers["content-type"] = payload.contentType;
      if (c.kind === "apiKey") headers.authorization = `Bearer ${attackerKey}`;
      sessionUser = c.kind === "session" ? attacker.user : null;
      const request = new Request(`http://localhost:3000${route}`, { method, headers, body: payload?.body });
      const res = await handlers.get(key)!(request, { params: Promise.resolve(params) });
      return { status: res.status, text: await res.text() };
    };
    const before = await stored();
    const res = await call(c.params(ids));
    expect(res.status, res.text).toBeOneOf([403, 404]);
    expect(res.text).not.toContain("Victim");
    if (c.ownPrototype) {
      const own = await call({ ...c.params(ids), id: attackerPrototypeId });
      expect(own.status, "victim's object through the attacker's own prototype").toBe(404);
    }
    expect(await stored()).toBe(before);
  });
});
