import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { selectBackend } from "@/ml/backend";
import { renderSurface, SURFACE_CLASSES } from "@/ml/data/surfaces";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { closePredictor, predictImage } from "@/server/prototypes/predict";
import { createExecuteRun } from "@/server/prototypes/training";
import { createRunWorker, type RunWorker } from "@/server/prototypes/worker";
import { imageKey, runExportKey, thumbnailKey, useStorage, type S3Storage } from "@/server/storage";
import { createUser } from "@/server/test/factories";
import { startS3rver } from "@/server/test/s3rver";
import type { SessionUser } from "@/server/trpc";

/**
 * The app's file paths with the S3 implementation behind them, against a real S3-compatible
 * server (s3rver): upload through the route, thumbnail and original through the route, a training
 * run that reads its images from the bucket (no backbone installed: the compact CNN, which copies
 * the images to a scratch folder for its threads), the model written to and the export streamed
 * from the bucket, prediction loading that model, and deletes following rows.
 */
let sessionUser: SessionUser | null = null;
vi.mock("@/server/next/auth", () => ({ getSessionUser: async () => sessionUser }));
const { POST: uploadImages } = await import("@/app/api/prototypes/[id]/images/route");
const { GET: getImage } = await import("@/app/api/prototypes/[id]/images/[imageId]/route");
const { GET: exportRun } = await import("@/app/api/prototypes/[id]/runs/[runId]/export/route");

let s3: Awaited<ReturnType<typeof startS3rver>>;
let bucket: S3Storage;
let worker: RunWorker;
let emptyModels: string;

beforeAll(async () => {
  await selectBackend({ preference: "wasm" });
  s3 = await startS3rver();
  bucket = s3.storage("pipeline/");
  useStorage(bucket);
  emptyModels = await mkdtemp(path.join(os.tmpdir(), "vl-no-backbone-"));
  const testEnv = { ...env, modelsDir: emptyModels, ML_BACKEND: "wasm" as const };
  worker = createRunWorker({ db: getDb(), execute: createExecuteRun({ db: getDb(), env: testEnv }), pollMs: 100, log: () => {} });
  worker.start();
});

afterAll(async () => {
  await worker?.stop();
  await closePredictor();
  useStorage(undefined);
  await s3?.stop();
  await rm(emptyModels, { recursive: true, force: true });
});

async function waitForRun(id: string, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await getDb().trainingRun.findUniqueOrThrow({ where: { id } });
    if (["SUCCEEDED", "FAILED", "CANCELLED"].includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run still ${run.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("the upload → thumbnail → training → export path on S3", () => {
  it("stores, serves, trains from and exports through the bucket, and deletes follow rows", async () => {
    const owner = await createUser({ name: "Bucket founder" });
    sessionUser = owner.user;
    const workspaceId = owner.workspace.id;
    const { id: prototypeId } = await owner.caller.prototypes.create({ workspaceId, name: "Surfaces", classes: [...SURFACE_CLASSES] });
    const classes = (await owner.caller.prototypes.get({ workspaceId, prototypeId })).classes;

    // Upload through the route: the normalised copies land in the bucket.
    for (const [label, cls] of classes.entries()) {
      const form = new FormData();
      form.set("classId", cls.id);
      for (let i = 0; i < 6; i++) {
        const png = await renderSurface(SURFACE_CLASSES[label]!, 500 + 10 * label + i, 48);
        form.append("files", new File([new Uint8Array(png)], `${cls.name}-${i}.png`));
      }
      const res = await uploadImages(new Request("http://test/upload", { method: "POST", body: form }), {
        params: Promise.resolve({ id: prototypeId }),
      });
      expect(res.status).toBe(200);
    }
    const rows = await getDb().prototypeImage.findMany({ where: { prototypeId }, select: { id: true, storagePath: true } });
    expect(rows).toHaveLength(18);
    for (const row of rows) expect(await bucket.head(imageKey(row.storagePath))).not.toBeNull();
    const uploaded: string[] = [];
    for await (const o of bucket.list(`uploads/${workspaceId}/`)) uploaded.push(o.key);
    expect(uploaded).toHaveLength(18);

    // The original and a thumbnail, streamed with their length; the thumbnail is cached in the bucket.
    const first = rows[0]!;
    const params = { params: Promise.resolve({ id: prototypeId, imageId: first.id }) };
    const original = await getImage(new Request("http://test/img"), params);
    expect(original.status).toBe(200);
    const originalBytes = new Uint8Array(await original.arrayBuffer());
    expect(Number(original.headers.get("content-length"))).toBe(originalBytes.length);
    expect(originalBytes.length).toBe((await bucket.head(imageKey(first.storagePath)))!.size);
    expect(await bucket.head(thumbnailKey(first.storagePath))).toBeNull();
    const thumb = await getImage(new Request("http://test/img?size=thumb"), {
      params: Promise.resolve({ id: prototypeId, imageId: first.id }),
    });
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get("content-type")).toBe("image/jpeg");
    const thumbBytes = new Uint8Array(await thumb.arrayBuffer());
    expect(Number(thumb.headers.get("content-length"))).toBe(thumbBytes.length);
    expect((await bucket.head(thumbnailKey(first.storagePath)))!.size).toBe(thumbBytes.length);

    // A training run reads every image from the bucket and writes its model there.
    const started = await owner.caller.runs.start({ workspaceId, prototypeId, settings: { epochs: 2, batchSize: 8, seed: 4 } });
    const run = await waitForRun(started.id);
    expect(run.error).toBeNull();
    expect(run).toMatchObject({ status: "SUCCEEDED", backboneId: "compact_cnn_v1" });
    expect(run.dataSizes).toMatchObject({ total: 18, unreadable: 0 });
    const model = await bucket.head(runExportKey(run.id));
    expect(model).not.toBeNull();

    // The export streams from the bucket with its length, and is the model the run wrote.
    const exported = await exportRun(new Request("http://test/export"), { params: Promise.resolve({ id: prototypeId, runId: run.id }) });
    expect(exported.status).toBe(200);
    expect(Number(exported.headers.get("content-length"))).toBe(model!.size);
    const zip = await JSZip.loadAsync(new Uint8Array(await exported.arrayBuffer()));
    expect(JSON.parse(await zip.file("labels.json")!.async("string"))).toEqual([...SURFACE_CLASSES]);

    // Prediction loads that model from the bucket.
    const prediction = await predictImage(getDb(), { workspaceId, prototypeId, image: Buffer.from(originalBytes) });
    expect(prediction.predictions.map((p) => p.label).sort()).toEqual([...SURFACE_CLASSES].sort());

    // Deletes follow rows: the image and its thumbnail leave the bucket.
    await owner.caller.prototypes.deleteImages({ workspaceId, prototypeId, imageIds: [first.id] });
    expect(await bucket.head(imageKey(first.storagePath))).toBeNull();
    expect(await bucket.head(thumbnailKey(first.storagePath))).toBeNull();

    // A row whose object is gone answers 404, not 500.
    const second = rows[1]!;
    await bucket.delete(imageKey(second.storagePath));
    const missing = await getImage(new Request("http://test/img"), { params: Promise.resolve({ id: prototypeId, imageId: second.id }) });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { reason: "notFound" } });

    // Deleting the workspace empties its part of the bucket.
    await owner.caller.workspace.delete({ workspaceId, confirmName: owner.workspace.name });
    const left: string[] = [];
    for await (const o of bucket.list("")) if (o.key.includes(workspaceId) || o.key.includes(run.id)) left.push(o.key);
    expect(left).toEqual([]);
  }, 300_000);
});
