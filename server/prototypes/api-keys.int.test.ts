import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { createTeam, createUser } from "@/server/test/factories";
import { authenticateApiKey, hashApiKey } from "./api-keys";

describe("API keys", () => {
  it("shows a key once, stores only its hash, lists it by prefix and revokes it", async () => {
    const { caller, workspace } = await createUser();
    const created = await caller.apiKeys.create({ workspaceId: workspace.id, name: "Production" });
    expect(created.key).toMatch(/^vl_[A-Za-z0-9_-]{43}$/);
    const row = await getDb().apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.keyHash).toBe(hashApiKey(created.key));
    expect(JSON.stringify(row)).not.toContain(created.key);

    const list = await caller.apiKeys.list({ workspaceId: workspace.id });
    expect(list).toEqual([expect.objectContaining({ id: created.id, prefix: created.key.slice(0, 10), revokedAt: null })]);
    expect(JSON.stringify(list)).not.toContain(created.key);
    expect(await authenticateApiKey(getDb(), created.key)).toEqual({ workspaceId: workspace.id, keyId: created.id });

    await caller.apiKeys.revoke({ workspaceId: workspace.id, keyId: created.id });
    expect(await authenticateApiKey(getDb(), created.key)).toBeNull();
    const audit = await caller.workspace.audit({ workspaceId: workspace.id });
    expect(audit.items.map((a) => a.action)).toEqual(expect.arrayContaining(["apikey.created", "apikey.revoked"]));
  });

  it("records when a key was last used, to the minute, without a write on every call", async () => {
    const { caller, workspace } = await createUser();
    const { id, key } = await caller.apiKeys.create({ workspaceId: workspace.id, name: "Loop" });
    const lastUsed = async () => (await getDb().apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    expect(await lastUsed()).toBeNull();

    await authenticateApiKey(getDb(), key);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await authenticateApiKey(getDb(), key);
    expect(await lastUsed()).toEqual(first); // within the minute: unchanged

    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await getDb().apiKey.update({ where: { id }, data: { lastUsedAt: twoMinutesAgo } });
    await authenticateApiKey(getDb(), key);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(twoMinutesAgo.getTime() + 60_000);
  });

  it("is for owners and admins only", async () => {
    const { mate, workspaceId } = await createTeam("MEMBER");
    await expect(mate.caller.apiKeys.create({ workspaceId, name: "mine" })).rejects.toThrow(/role/);
    await expect(mate.caller.apiKeys.list({ workspaceId })).rejects.toThrow(/role/);
  });
});
