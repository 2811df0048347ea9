import { mkdtemp, rm } from "node:fs/promises";
import { LocalDiskStorage } from "@/server/storage";
import type { ModelPaths } from "./predict";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderSurface } from "@/ml/data/surfaces";
import { getDb } from "@/server/db";
import { createUser } from "@/server/test/factories";
import { createPredictableRun } from "@/server/test/onnx-run-fixture";
import { createApiKey } from "./api-keys";
import { closePredictor } from "./predict";
import { defineRoute } from "@/server/http/route";
import { PREDICT_BODY_TYPES, predictHandler } from "./rest-predict";
import { REST_PREDICT_MAX_IMAGES } from "./rest-predict-body";

// A finished run whose artifact is a real export (a small layers-model backbone with a head, and its model.onnx),
// predicted through the REST handler with one image and with batches.
const classes = ["clean", "scratched", "pitted"];
let root: string;
let paths: ModelPaths;
let prototypeId: string;
let key: string;
let owner: Awaited<ReturnType<typeof createUser>>;
const images: Buffer[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "vl-rest-predict-"));
  paths = { storage: new LocalDiskStorage(root), modelsDir: path.join(root, "models-dir") };
  owner = await createUser({ name: "Batcher" });
  const db = getDb();
  const workspaceId = owner.workspace.id;
  prototypeId = (await db.prototype.create({ data: { workspaceId, name: "Surfaces" }, select: { id: true } })).id;
  await createPredictableRun({ workspaceId, prototypeId, classes, objects: paths.storage });
  key = (await createApiKey(db, { workspaceId, userId: owner.user.id, name: "batch" })).key;
  for (let i = 0; i < 6; i++) images.push(await renderSurface(classes[i % 3] as "clean", 100 + i, 64));
}, 120_000);

afterAll(async () => {
  await closePredictor();
  await rm(root, { recursive: true, force: true });
});

/** The route as app/api/v1/prototypes/[id]/predict/route.ts builds it: the wrapper (API key, body cap) around the handler. */
function handlePredict(request: Request, limits: { perKeyPerMinute: number; maxImageBytes: number }) {
  const route = defineRoute(
    { name: "predict (test)", auth: "apiKey", body: { maxBytes: limits.maxImageBytes + 64 * 1024, contentTypes: PREDICT_BODY_TYPES } },
    predictHandler(limits, paths),
  );
  return route(request, { params: Promise.resolve({ id: prototypeId }) });
}

function post(form: FormData | Buffer, limits = { maxImageBytes: 1024 * 1024, perKeyPerMinute: 1000 }) {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (Buffer.isBuffer(form)) headers["content-type"] = "image/png";
  return handlePredict(
    new Request(`http://x/api/v1/prototypes/${prototypeId}/predict`, {
      method: "POST",
      headers,
      body: Buffer.isBuffer(form) ? new Uint8Array(form) : form,
    }),
    limits,
  );
}

function batchForm(files: Buffer[]): FormData {
  const form = new FormData();
  files.forEach((file, i) => form.append("image", new Blob([new Uint8Array(file)], { type: "image/png" }), `img-${i}.png`));
  return form;
}

describe("REST batch prediction", () => {
  it("answers several images in one call, in order, with the same numbers as one image per call", async () => {
    const withBad = [images[0]!, images[1]!, Buffer.from("not an image"), ...images.slice(2)];
    const res = await post(batchForm(withBad));
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      results: Array<{ engine?: string; error?: { reason: string }; predictions?: Array<{ label: string; probability: number }> }>;
    };
    expect(body.results).toHaveLength(withBad.length);
    expect(body.results[2]).toMatchObject({ error: { reason: "imageUnreadable" } });
    const good = body.results.filter((r) => !r.error);
    expect(good).toHaveLength(6);
    for (const r of good) {
      expect(r.engine).toBe("onnxruntime-cpu");
      expect(r.predictions!.map((p) => p.label).sort()).toEqual([...classes].sort());
    }

    const single = await post(images[1]!);
    expect(single.status).toBe(200);
    const one = (await single.json()) as { predictions: Array<{ label: string; probability: number }> };
    const fromBatch = body.results[1]!.predictions!;
    expect(one.predictions.map((p) => p.label)).toEqual(fromBatch.map((p) => p.label));
    one.predictions.forEach((p, i) => expect(Math.abs(p.probability - fromBatch[i]!.probability)).toBeLessThan(1e-5));
  });

  it("counts every image against the key's per-minute limit", async () => {
    const limits = { maxImageBytes: 1024 * 1024, perKeyPerMinute: 5 };
    const { key: limitedKey } = await createApiKey(getDb(), { workspaceId: owner.workspace.id, userId: owner.user.id, name: "limited" });
    const send = (files: Buffer[]) =>
      handlePredict(
        new Request(`http://x/api/v1/prototypes/${prototypeId}/predict`, {
          method: "POST",
          headers: { authorization: `Bearer ${limitedKey}` },
          body: batchForm(files),
        }),
        limits,
      );
    const first = await send(images.slice(0, 4));
    expect(first.status).toBe(200);
    expect(first.headers.get("x-ratelimit-remaining")).toBe("1");
    const second = await send(images.slice(0, 2));
    expect(second.status).toBe(429);
    expect(await second.json()).toMatchObject({ error: { reason: "rateLimited" } });
  });

  it("refuses more images than one call may carry, and a batch over the body cap, with a reason", async () => {
    const tooMany = await post(batchForm(Array.from({ length: REST_PREDICT_MAX_IMAGES + 1 }, () => images[0]!)));
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({ error: { reason: "tooManyImages" } });
    const big = await post(batchForm([images[0]!, Buffer.alloc(2 * 1024 * 1024, 1)]));
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: { reason: "bodyTooLarge" } });
  });
});
