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
import { buildZip } from "@/ml/data/test-zip";
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
    expect(body.results[2]).toMatchObject({ error: { reason: "imageUnreadable", message: "This is not an image file." } });
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
    const send = (files: Buffer[], language?: string) =>
      handlePredict(
        new Request(`http://x/api/v1/prototypes/${prototypeId}/predict`, {
          method: "POST",
          headers: { authorization: `Bearer ${limitedKey}`, ...(language ? { "accept-language": language } : {}) },
          body: batchForm(files),
        }),
        limits,
      );
    const first = await send(images.slice(0, 4));
    expect(first.status).toBe(200);
    expect(first.headers.get("x-ratelimit-remaining")).toBe("1");
    const second = await send(images.slice(0, 2));
    expect(second.status).toBe(429);
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(second.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(await second.json()).toMatchObject({
      error: { reason: "rateLimited", message: expect.stringContaining("more than 5 predictions in a minute"), details: { limit: 5 } },
    });
    const inChinese = await send(images.slice(0, 2), "zh-CN");
    expect(await inChinese.json()).toMatchObject({ error: { reason: "rateLimited", message: expect.stringContaining("超过 5 次预测") } });
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

describe("REST batch prediction from one zip", () => {
  const sendZip = (zip: Buffer, opts: { asForm?: boolean; language?: string } = {}) => {
    const headers: Record<string, string> = { authorization: `Bearer ${key}` };
    if (opts.language) headers["accept-language"] = opts.language;
    let body: BodyInit;
    if (opts.asForm) {
      body = new FormData();
      body.append("zip", new Blob([new Uint8Array(zip)], { type: "application/zip" }), "batch.zip");
    } else {
      headers["content-type"] = "application/zip";
      body = new Uint8Array(zip);
    }
    return handlePredict(new Request(`http://x/api/v1/prototypes/${prototypeId}/predict`, { method: "POST", headers, body }), {
      maxImageBytes: 1024 * 1024,
      perKeyPerMinute: 1000,
    });
  };
  type Entry = { file?: string; error?: { reason: string; message: string }; predictions?: Array<{ label: string; probability: number }> };

  it("answers every image of a zip keyed by its path, with the same numbers as a multipart batch, and says why a file was left out", async () => {
    const zip = buildZip([
      { name: "line-1/a.png", data: images[0]!, method: "deflate" },
      { name: ".DS_Store", data: Buffer.from("finder") },
      { name: "b.png", data: images[1]! },
      { name: "notes.txt", data: Buffer.from("not a picture") },
      { name: "../c.png", data: images[2]! },
      { name: "zeros.png", data: Buffer.alloc(512 * 1024), method: "deflate" },
    ]);
    for (const asForm of [false, true]) {
      const res = await sendZip(zip, { asForm });
      expect(res.status).toBe(200);
      expect(res.headers.get("x-ratelimit-remaining")).not.toBeNull();
      const body = (await res.json()) as { results: Entry[]; quality: unknown };
      expect(body.results.map((r) => [r.file, r.error?.reason ?? "predicted"])).toEqual([
        ["line-1/a.png", "predicted"],
        ["b.png", "predicted"],
        ["notes.txt", "imageUnreadable"],
        ["../c.png", "unsafePath"],
        ["zeros.png", "compressionRatio"],
      ]);
      expect(body.quality).not.toBeUndefined();
    }

    // A zip sent as application/octet-stream is recognised by its first bytes.
    const octet = await handlePredict(
      new Request(`http://x/api/v1/prototypes/${prototypeId}/predict`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/octet-stream" },
        body: new Uint8Array(zip),
      }),
      { maxImageBytes: 1024 * 1024, perKeyPerMinute: 1000 },
    );
    expect(((await octet.json()) as { results: Entry[] }).results.map((r) => r.file)).toEqual([
      "line-1/a.png",
      "b.png",
      "notes.txt",
      "../c.png",
      "zeros.png",
    ]);

    const multipart = (await (await post(batchForm([images[0]!, images[1]!]))).json()) as { results: Entry[] };
    const fromZip = (await (await sendZip(zip)).json()) as { results: Entry[] };
    expect(multipart.results.map((r) => r.file)).toEqual(["img-0.png", "img-1.png"]);
    for (const i of [0, 1]) {
      const a = multipart.results[i]!.predictions!;
      const b = fromZip.results[i]!.predictions!;
      expect(b.map((p) => p.label)).toEqual(a.map((p) => p.label));
      b.forEach((p, j) => expect(Math.abs(p.probability - a[j]!.probability)).toBeLessThan(1e-5));
    }
  });

  it("refuses a bad zip whole, with a reason and a message in the caller's language", async () => {
    const notZip = await sendZip(Buffer.from("PK\u0003\u0004 but nothing after"), { language: "zh-CN,zh;q=0.9" });
    expect(notZip.status).toBe(400);
    const notZipBody = (await notZip.json()) as { error: { reason: string; message: string } };
    expect(notZipBody.error.reason).toBe("zipUnreadable");
    expect(notZipBody.error.message).toMatch(/ZIP 压缩包/);

    const onlyJunk = await sendZip(
      buildZip([
        { name: "../outside.png", data: images[0]! },
        { name: "photos.zip", data: Buffer.from("PK") },
      ]),
    );
    expect(onlyJunk.status).toBe(400);
    expect(await onlyJunk.json()).toMatchObject({
      error: { reason: "noImagesInZip", details: { files: expect.stringContaining("../outside.png") } },
    });

    const tooMany = await sendZip(
      buildZip(Array.from({ length: REST_PREDICT_MAX_IMAGES + 1 }, (_, i) => ({ name: `${i}.png`, data: images[i % 6]! }))),
    );
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({ error: { reason: "tooManyImages" } });

    const mixed = new FormData();
    mixed.append("zip", new Blob([new Uint8Array(buildZip([{ name: "a.png", data: images[0]! }]))]), "a.zip");
    mixed.append("image", new Blob([new Uint8Array(images[1]!)], { type: "image/png" }), "b.png");
    const both = await post(mixed);
    expect(both.status).toBe(400);
    expect(await both.json()).toMatchObject({ error: { reason: "oneZipOnly" } });

    const crowded = await sendZip(buildZip(Array.from({ length: 201 }, (_, i) => ({ name: `folder-${i}/` }))), { language: "en" });
    expect(crowded.status).toBe(400);
    expect(await crowded.json()).toMatchObject({ error: { reason: "zipTooManyEntries", message: expect.stringContaining("200") } });
  });
});
