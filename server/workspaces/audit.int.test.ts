import { LATEST_INSTRUMENT_VERSION } from "@/server/assessment/instruments";
import { storage } from "@/server/storage";
import { describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/server/trpc";
import { getDb } from "@/server/db";
import { writeRunArtifact } from "@/server/prototypes/export-artifact";
import { createUser } from "@/server/test/factories";

let sessionUser: SessionUser | null = null;
vi.mock("@/server/next/auth", () => ({ getSessionUser: async () => sessionUser }));
const { GET: exportRun } = await import("@/app/api/prototypes/[id]/runs/[runId]/export/route");

type Owner = Awaited<ReturnType<typeof createUser>>;
const actions = async (owner: Owner) =>
  (await owner.caller.workspace.audit({ workspaceId: owner.workspace.id })).items.map((a) => ({
    action: a.action,
    actor: a.actor?.id,
    data: a.data,
  }));

describe("the audit log records what takes data out or opens it up", () => {
  it("a model download", async () => {
    const owner = await createUser({ name: "Auditor" });
    const workspaceId = owner.workspace.id;
    const { id: prototypeId } = await owner.caller.prototypes.create({ workspaceId, name: "Pets", classes: ["cats", "dogs"] });
    const run = await getDb().trainingRun.create({
      data: { workspaceId, prototypeId, version: 1, settings: {}, status: "SUCCEEDED" },
      select: { id: true },
    });
    await writeRunArtifact(storage(), run.id, Buffer.from("zip"));
    sessionUser = owner.user;
    const res = await exportRun(new Request("http://test/export"), { params: Promise.resolve({ id: prototypeId, runId: run.id }) });
    expect(res.status).toBe(200);
    expect(await actions(owner)).toContainEqual({ action: "model.exported", actor: owner.user.id, data: { name: "Pets-v1.zip" } });
  });

  it("a shortlist CSV download", async () => {
    const owner = await createUser({ name: "Auditor" });
    await owner.caller.opportunities.shortlistCsv({ workspaceId: owner.workspace.id, locale: "en" });
    expect(await actions(owner)).toContainEqual({ action: "shortlist.exported", actor: owner.user.id, data: { count: 0 } });
  });

  it("an assessment CSV download and a change of assessment sharing", async () => {
    const owner = await createUser({ name: "Auditor" });
    const workspaceId = owner.workspace.id;
    const { caller } = owner;
    const attempt = await caller.assessment.start({ workspaceId });
    const instrument = await caller.assessment.instrument({ workspaceId, version: LATEST_INSTRUMENT_VERSION });
    const answers = Object.fromEntries(
      instrument.items.map((item) => [item.id, item.kind === "likert" ? 4 : (item.options[1]?.id ?? "a")]),
    ) as Record<string, number | string>;
    await caller.assessment.save({ workspaceId, attemptId: attempt.id, answers });
    await caller.assessment.submit({ workspaceId, attemptId: attempt.id });
    await caller.assessment.exportCsv({ workspaceId, attemptId: attempt.id, locale: "en" });
    await caller.assessment.setSharing({ workspaceId, level: "EVERYTHING" });
    const logged = await actions(owner);
    expect(logged).toContainEqual(expect.objectContaining({ action: "assessment.exported", actor: owner.user.id }));
    expect(logged).toContainEqual({ action: "assessment.sharing_changed", actor: owner.user.id, data: { level: "EVERYTHING" } });
  });

  it("creating and revoking an API key", async () => {
    const owner = await createUser({ name: "Auditor" });
    const workspaceId = owner.workspace.id;
    const created = await owner.caller.apiKeys.create({ workspaceId, name: "CI" });
    await owner.caller.apiKeys.revoke({ workspaceId, keyId: created.id });
    const logged = await actions(owner);
    expect(logged).toContainEqual(expect.objectContaining({ action: "apikey.created", actor: owner.user.id }));
    expect(logged).toContainEqual(expect.objectContaining({ action: "apikey.revoked", actor: owner.user.id }));
  });
});
