import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderSurface } from "@/ml/data/surfaces";
import { getDb } from "@/server/db";
import { defineRoute } from "@/server/http/route";
import { imageKey, prototypeUploadsPrefix, storage } from "@/server/storage";
import { createUser } from "@/server/test/factories";
import { createPredictableRun } from "@/server/test/onnx-run-fixture";
import { createApiKey } from "./api-keys";
import { keepPolicyFromEnv, type KeepPolicy } from "./kept";
import { closePredictor, predictAndKeep } from "./predict";
import { PREDICT_BODY_TYPES, predictHandler } from "./rest-predict";
import { writeStoredFile } from "./storage";

// Predictions through the real ONNX path, kept (or not) by the prototype's switch.
const classes = ["clean", "scratched", "pitted"];
let owner: Awaited<ReturnType<typeof createUser>>;
let prototypeId: string;
let key: string;
const images: Buffer[] = [];
const db = () => getDb();
const stored = async (storagePath: string) => (await storage().head(imageKey(storagePath))) !== null;
const policy = (over: Partial<KeepPolicy> = {}): KeepPolicy => ({ ...keepPolicyFromEnv(), sampleShare: 1, ...over });

beforeAll(async () => {
  owner = await createUser({ name: "Keeper" });
  const workspaceId = owner.workspace.id;
  prototypeId = (await owner.caller.prototypes.create({ workspaceId, name: "Surfaces", classes })).id;
  await createPredictableRun({ workspaceId, prototypeId, classes });
  key = (await createApiKey(db(), { workspaceId, userId: owner.user.id, name: "keep" })).key;
  for (let i = 0; i < 6; i++) images.push(await renderSurface(classes[i % 3] as "clean", 300 + i, 64));
}, 120_000);

afterAll(async () => {
  await closePredictor();
});

function rest(files: Buffer[], keepPolicy = policy()) {
  const route = defineRoute(
    { name: "predict (test)", auth: "apiKey", body: { maxBytes: 2 * 1024 * 1024, contentTypes: PREDICT_BODY_TYPES } },
    predictHandler({ perKeyPerMinute: 1000, maxImageBytes: 1024 * 1024 }, undefined, keepPolicy),
  );
  const form = new FormData();
  files.forEach((f, i) => form.append("image", new Blob([new Uint8Array(f)], { type: "image/png" }), `i${i}.png`));
  const request = new Request(`http://x/api/v1/prototypes/${prototypeId}/predict`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}` },
    body: form,
  });
  return route(request, { params: Promise.resolve({ id: prototypeId }) });
}

const kept = () => db().keptPrediction.findMany({ where: { prototypeId }, orderBy: { createdAt: "asc" } });
const setKeep = (keep: boolean) => owner.caller.fieldLoop.setKeep({ workspaceId: owner.workspace.id, prototypeId, keep });

describe("keeping predictions", () => {
  it("keeps nothing while the switch is off (the default), and every source once it is on", async () => {
    expect((await owner.caller.fieldLoop.settings({ workspaceId: owner.workspace.id, prototypeId })).keep).toBe(false);
    expect((await rest([images[0]!])).status).toBe(200);
    await owner.caller.runs.predict({ workspaceId: owner.workspace.id, prototypeId, images: [images[1]!.toString("base64")] });
    expect(await kept()).toHaveLength(0);

    await setKeep(true);
    expect((await rest([images[0]!])).status).toBe(200);
    expect((await rest([images[1]!, images[2]!])).status).toBe(200);
    await owner.caller.runs.predict({ workspaceId: owner.workspace.id, prototypeId, images: [images[3]!.toString("base64")] });
    const rows = await kept();
    expect(rows.map((r) => r.source).sort()).toEqual(["api", "batch", "batch", "tryIt"]);
    for (const row of rows) {
      expect(classes).toContain(row.predictedLabel);
      expect(row.confidence).toBeGreaterThan(0);
      expect(row.margin).toBeGreaterThanOrEqual(0);
      expect(row.margin).toBeLessThanOrEqual(row.confidence);
      expect(row.outOfDistribution).toBeNull();
      expect(await stored(row.storagePath)).toBe(true);
    }
    // The same picture again is not stored twice.
    await rest([images[0]!]);
    expect(await kept()).toHaveLength(4);
  });

  it("drops kept predictions past the retention limit, rows and files, when the next one is written", async () => {
    const [oldest] = await kept();
    await db().keptPrediction.update({ where: { id: oldest!.id }, data: { createdAt: new Date(Date.now() - 40 * 86_400_000) } });
    await predictAndKeep(
      db(),
      { workspaceId: owner.workspace.id, prototypeId, images: [images[4]!], source: "api" },
      undefined,
      policy({ retentionDays: 30 }),
    );
    const rows = await kept();
    expect(rows.map((r) => r.id)).not.toContain(oldest!.id);
    expect(await stored(oldest!.storagePath)).toBe(false);
    expect(rows).toHaveLength(4);
  });

  it("holds the workspace under its size cap by dropping the oldest", async () => {
    const before = await kept();
    const total = before.reduce((sum, r) => sum + r.bytes, 0);
    // Room for what is there now, less the oldest row: keeping one more must drop the two oldest.
    const cap = total - before[0]!.bytes + 1;
    await predictAndKeep(
      db(),
      { workspaceId: owner.workspace.id, prototypeId, images: [images[5]!], source: "api" },
      undefined,
      policy({ maxBytesPerWorkspace: cap }),
    );
    const after = await kept();
    expect(after.reduce((sum, r) => sum + r.bytes, 0)).toBeLessThanOrEqual(cap);
    expect(after.map((r) => r.id)).not.toContain(before[0]!.id);
    expect(after.at(-1)!.contentHash).not.toBe(before.at(-1)!.contentHash);
    expect(await stored(before[0]!.storagePath)).toBe(false);
  });
});

describe("the review inbox", () => {
  it("puts a corrected image in the chosen class as a field image, and a confirmed one in the predicted class", async () => {
    const ws = owner.workspace.id;
    const inbox = await owner.caller.fieldLoop.inbox({ workspaceId: ws, prototypeId });
    // The REST predictions above were kept with every one sampled (policy sampleShare 1).
    const samples = inbox.items.filter((i) => i.reasons.includes("randomSample"));
    expect(samples.length).toBeGreaterThanOrEqual(2);
    const proto = await owner.caller.prototypes.get({ workspaceId: ws, prototypeId });
    const [first, second] = samples;
    const wrong = proto.classes.find((c) => c.name !== first!.predictedLabel)!;
    await owner.caller.fieldLoop.review({ workspaceId: ws, prototypeId, ids: [first!.id], action: "correct", classId: wrong.id });
    await owner.caller.fieldLoop.review({ workspaceId: ws, prototypeId, ids: [second!.id], action: "confirm" });

    const corrected = await db().keptPrediction.findUniqueOrThrow({ where: { id: first!.id } });
    expect(corrected.status).toBe("CORRECTED");
    const image = await db().prototypeImage.findUniqueOrThrow({ where: { id: corrected.imageId! } });
    expect(image.classId).toBe(wrong.id);
    expect(image.fieldSource).toBe(corrected.source);
    expect(await stored(image.storagePath)).toBe(true);
    const confirmed = await db().keptPrediction.findUniqueOrThrow({ where: { id: second!.id } });
    const confirmedImage = await db().prototypeImage.findUniqueOrThrow({ where: { id: confirmed.imageId! } });
    expect(proto.classes.find((c) => c.id === confirmedImage.classId)!.name).toBe(second!.predictedLabel);

    // Reviewed items leave the pending inbox; field accuracy counts the two reviewed samples (1 of 2 right).
    const pending = await owner.caller.fieldLoop.inbox({ workspaceId: ws, prototypeId });
    expect(pending.items.map((i) => i.id)).not.toContain(first!.id);
    const field = await owner.caller.fieldLoop.accuracy({ workspaceId: ws, prototypeId });
    expect(field.overall).toMatchObject({ successes: 1, n: 2 });

    // Changing a verdict to "discard" takes the image back out of the training set.
    await owner.caller.fieldLoop.review({ workspaceId: ws, prototypeId, ids: [first!.id], action: "discard" });
    expect(await db().prototypeImage.findUnique({ where: { id: image.id } })).toBeNull();
    expect((await owner.caller.fieldLoop.accuracy({ workspaceId: ws, prototypeId })).overall).toMatchObject({ successes: 1, n: 1 });
  });

  it("deleting the prototype deletes its kept predictions and their files", async () => {
    const rows = await kept();
    expect(rows.length).toBeGreaterThan(0);
    await writeStoredFile(storage(), `${owner.workspace.id}/${prototypeId}/kept-extra.jpg`, new Uint8Array([1]));
    await owner.caller.prototypes.delete({ workspaceId: owner.workspace.id, prototypeId, confirmName: "Surfaces" });
    expect(await db().keptPrediction.count({ where: { prototypeId } })).toBe(0);
    for (const row of rows) expect(await stored(row.storagePath)).toBe(false);
    const left: string[] = [];
    for await (const object of storage().list(prototypeUploadsPrefix(owner.workspace.id, prototypeId))) left.push(object.key);
    expect(left).toEqual([]);
  });
});
