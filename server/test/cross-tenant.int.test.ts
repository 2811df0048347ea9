import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/routers/_app";
import { createUser } from "@/server/test/factories";
import { DOMAINS } from "./cross-tenant";
import type { CrossTenantCase, TestUser, VictimIds } from "./cross-tenant/types";

/**
 * Tenant isolation: every procedure of the app router is called by a member of another
 * workspace with inputs pointing at the victim's workspace and objects. It must answer
 * NOT_FOUND or FORBIDDEN — never data. A procedure without an entry fails the suite.
 */
const CASES: Record<string, CrossTenantCase> = Object.assign({}, ...DOMAINS.map((d) => d.cases));
const ALL_PROCEDURES = Object.keys(appRouter._def.procedures).sort();

type AnyProcedure = (input: unknown) => Promise<unknown>;
function procedureOf(caller: TestUser["caller"], path: string): AnyProcedure {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as AnyProcedure;
}

async function outcome(p: Promise<unknown>) {
  try {
    return { ok: true as const, value: await p };
  } catch (e) {
    return { ok: false as const, code: e instanceof TRPCError ? e.code : `non-tRPC error: ${String(e)}` };
  }
}

describe("cross-tenant isolation", () => {
  let victim: TestUser;
  let attacker: TestUser;
  let ids: VictimIds = {};

  beforeAll(async () => {
    victim = await createUser({ name: "Victim" });
    attacker = await createUser({ name: "Attacker" });
    for (const d of DOMAINS) if (d.fixture) ids = { ...ids, ...(await d.fixture(victim)) };
  });

  it("has an entry for every procedure", () => {
    const missing = ALL_PROCEDURES.filter((p) => !(p in CASES));
    expect(missing, "add these procedures to a table in server/test/cross-tenant/").toEqual([]);
    const stale = Object.keys(CASES).filter((p) => !ALL_PROCEDURES.includes(p));
    expect(stale, "these table entries name procedures that no longer exist").toEqual([]);
  });

  const workspaceCases = Object.entries(CASES).filter(([, c]) => c.kind === "workspace");

  it.each(workspaceCases.map(([path]) => path))("%s refuses an outsider", async (path) => {
    const c = CASES[path] as Extract<CrossTenantCase, { kind: "workspace" }>;
    // bySlug takes a slug: give it the victim's slug rather than the id.
    const wsRef = path === "workspace.bySlug" ? victim.workspace.slug : victim.workspace.id;
    const res = await outcome(procedureOf(attacker.caller, path)(c.input({ workspaceId: wsRef, ids })));
    expect(res.ok ? "DATA RETURNED" : res.code).toMatch(/^(NOT_FOUND|FORBIDDEN)$/);

    if (c.objects) {
      const own = await outcome(procedureOf(attacker.caller, path)(c.input({ workspaceId: attacker.workspace.id, ids })));
      expect(own.ok ? "DATA RETURNED" : own.code, "victim's object through the attacker's own workspace").toBe("NOT_FOUND");
    }
  });

  it("left the victim's workspace intact", async () => {
    const members = await victim.caller.members.list({ workspaceId: victim.workspace.id });
    expect(members.map((m) => m.user.id)).toEqual([victim.user.id]);
    expect(members[0]!.role).toBe("OWNER");
    const ws = await victim.caller.workspace.bySlug({ slug: victim.workspace.slug });
    expect(ws.workspace.name).toBe(victim.workspace.name);
  });
});
