import { describe, expect, it } from "vitest";
import { pngDeclaring } from "@/ml/data/test-images";
import { getDb } from "@/server/db";
import { createUser } from "@/server/test/factories";
import { createApiKey } from "./api-keys";

const { POST: restPredict } = await import("@/app/api/v1/prototypes/[id]/predict/route");

const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="red"/></svg>');
/** 16384 × 16384 = 268 megapixels declared in a file of a few hundred bytes. */
const BOMB = pngDeclaring(16_384, 16_384);

describe("prediction applies the upload image rules", () => {
  it("refuses an SVG and a 268-megapixel PNG in runs.predict and the REST endpoint, before any decoding", async () => {
    const owner = await createUser({ name: "Predictor" });
    const db = getDb();
    const workspaceId = owner.workspace.id;
    const prototype = await db.prototype.create({ data: { workspaceId, name: "Rules" }, select: { id: true } });
    // A finished run without a model on disk: an image that reached the model would fail with artifactMissing instead.
    await db.trainingRun.create({ data: { workspaceId, prototypeId: prototype.id, version: 1, status: "SUCCEEDED", settings: {} } });

    const results = await owner.caller.runs.predict({
      workspaceId,
      prototypeId: prototype.id,
      images: [SVG.toString("base64"), Buffer.from(BOMB).toString("base64")],
    });
    expect(results.map((r) => ("error" in r ? r.reason : "predicted"))).toEqual(["unsupportedFormat", "tooManyPixels"]);
    expect(results.map((r) => ("error" in r ? r.error : "predicted"))).toEqual([
      expect.stringMatching(/SVG files are not accepted/),
      expect.stringMatching(/16384×16384.*the limit is/),
    ]);

    const { key } = await createApiKey(db, { workspaceId, userId: owner.user.id, name: "rules" });
    for (const [type, body] of [
      ["image/svg+xml", SVG],
      ["image/png", BOMB],
    ] as const) {
      const res = await restPredict(
        new Request(`http://x/api/v1/prototypes/${prototype.id}/predict`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": type },
          body: new Uint8Array(body),
        }),
        { params: Promise.resolve({ id: prototype.id }) },
      );
      expect(res.status, type).toBe(400);
      expect(await res.json()).toMatchObject({ error: { reason: "imageUnreadable" } });
    }
  });
});
