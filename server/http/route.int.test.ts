import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { createApiKey } from "@/server/prototypes/api-keys";
import { createUser } from "@/server/test/factories";
import type { SessionUser } from "@/server/trpc";

let sessionUser: SessionUser | null = null;
vi.mock("@/server/next/auth", () => ({ getSessionUser: async () => sessionUser }));

// Small limits so the test streams megabytes, not hundreds: the routes derive their caps at import.
const savedImageMb = env.UPLOAD_MAX_IMAGE_MB;
env.UPLOAD_MAX_IMAGE_MB = 1;
const { bodyLimits } = await import("./limits");
const limits = bodyLimits(env);
const { POST: uploadImages } = await import("@/app/api/prototypes/[id]/images/route");
const { POST: uploadZip } = await import("@/app/api/prototypes/[id]/zip/route");
const { POST: predict } = await import("@/app/api/v1/prototypes/[id]/predict/route");
const { POST: trpc } = await import("@/app/api/trpc/[trpc]/route");
afterAll(() => {
  env.UPLOAD_MAX_IMAGE_MB = savedImageMb;
});

const MB = 1024 * 1024;
const params = (id: string) => ({ params: Promise.resolve({ id }) });

/** A chunked body (no Content-Length) of `total` bytes that counts how much the server pulled. */
function endlessBody(total: number) {
  const chunk = new Uint8Array(64 * 1024).fill(7);
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (counter.pulled >= total) return controller.close();
        counter.pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, counter };
}

function streamed(url: string, stream: ReadableStream<Uint8Array>, headers: Record<string, string>) {
  return new Request(url, { method: "POST", headers, body: stream, duplex: "half" } as RequestInit);
}

const jpeg = () =>
  sharp({ create: { width: 24, height: 24, channels: 3, background: "#c33" } })
    .jpeg()
    .toBuffer();

describe("route handlers: body limits, origin check, content types", () => {
  let owner: Awaited<ReturnType<typeof createUser>>;
  let prototypeId: string;
  let classId: string;
  const imageCount = () => getDb().prototypeImage.count({ where: { prototypeId } });

  beforeAll(async () => {
    owner = await createUser({ name: "Limits" });
    sessionUser = owner.user;
    const created = await owner.caller.prototypes.create({ workspaceId: owner.workspace.id, name: "Limits", classes: ["a", "b"] });
    prototypeId = created.id;
    classId = (await owner.caller.prototypes.get({ workspaceId: owner.workspace.id, prototypeId })).classes[0]!.id;
  });

  it("refuses a chunked predict body over the limit after reading at most the limit, with bounded memory", async () => {
    const { key } = await createApiKey(getDb(), { workspaceId: owner.workspace.id, userId: owner.user.id, name: "limits" });
    const { stream, counter } = endlessBody(500 * MB);
    const rssBefore = process.memoryUsage().rss;
    const res = await predict(
      streamed(`http://x/api/v1/prototypes/${prototypeId}/predict`, stream, {
        authorization: `Bearer ${key}`,
        "content-type": "image/png",
      }),
      params(prototypeId),
    );
    const rssGrowth = process.memoryUsage().rss - rssBefore;
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { reason: "bodyTooLarge" } });
    expect(counter.pulled).toBeLessThanOrEqual(limits.predict + 128 * 1024);
    console.log(`predict: limit ${limits.predict} B, pulled ${counter.pulled} B of 500 MB, RSS growth ${(rssGrowth / MB).toFixed(1)} MB`);
    expect(rssGrowth).toBeLessThan(100 * MB);
  });

  it("refuses an image form over its total cap before parsing it, and stores nothing", async () => {
    const before = await imageCount();
    const { stream, counter } = endlessBody(200 * MB);
    const res = await uploadImages(
      streamed(`http://x/api/prototypes/${prototypeId}/images`, stream, { "content-type": "multipart/form-data; boundary=x" }),
      params(prototypeId),
    );
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { reason: "bodyTooLarge" } });
    expect(counter.pulled).toBeLessThanOrEqual(limits.imageForm + 128 * 1024);
    expect(await imageCount()).toBe(before);
  });

  it("caps tRPC bodies: small procedures at 1 MB, runs.predict at its base64 images", async () => {
    for (const [path, cap] of [
      ["prototypes.create", limits.trpc],
      ["runs.predict", limits.trpcPredict],
    ] as const) {
      const { stream, counter } = endlessBody(cap + 20 * MB);
      const res = await trpc(streamed(`http://localhost:3000/api/trpc/${path}`, stream, { "content-type": "application/json" }));
      expect(res.status, path).toBe(413);
      const body = (await res.json()) as { error: { json: { data: { reason: string } } } };
      expect(body.error.json.data.reason).toBe("bodyTooLarge");
      expect(counter.pulled, path).toBeLessThanOrEqual(cap + 128 * 1024);
    }
  });

  it("refuses a cross-origin upload with the victim's cookie and stores nothing", async () => {
    const before = await imageCount();
    const form = () => {
      const f = new FormData();
      f.set("classId", classId);
      return f;
    };
    const withFile = async () => {
      const f = form();
      f.append("files", new File([new Uint8Array(await jpeg())], "x.jpg"));
      return f;
    };
    const post = async (headers: Record<string, string>) =>
      uploadImages(new Request("http://localhost:3000/api/x", { method: "POST", headers, body: await withFile() }), params(prototypeId));

    const foreign = await post({ origin: "http://localhost:3001", host: "localhost:3000" });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ error: { reason: "crossOrigin" } });
    expect((await post({ "sec-fetch-site": "same-site", origin: "http://localhost:3000", host: "localhost:3000" })).status).toBe(403);
    expect((await post({ origin: "null", host: "localhost:3000" })).status).toBe(403);
    const zip = await uploadZip(
      new Request("http://localhost:3000/api/x", {
        method: "POST",
        headers: { origin: "http://evil.example", host: "localhost:3000", "content-type": "application/zip" },
        body: new Uint8Array([80, 75, 3, 4]),
      }),
      params(prototypeId),
    );
    expect(zip.status).toBe(403);
    expect(await imageCount()).toBe(before);

    const own = await post({ "sec-fetch-site": "same-origin", origin: "http://localhost:3000", host: "localhost:3000" });
    expect(own.status).toBe(200);
    expect(await imageCount()).toBe(before + 1);
  });

  it("requires the expected content types", async () => {
    const zip = await uploadZip(
      new Request("http://x/zip", { method: "POST", headers: { "content-type": "text/plain" }, body: "PK" }),
      params(prototypeId),
    );
    expect(zip.status).toBe(415);
    expect(await zip.json()).toMatchObject({ error: { reason: "unsupportedMediaType" } });
    const images = await uploadImages(
      new Request("http://x/images", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
      params(prototypeId),
    );
    expect(images.status).toBe(415);
  });
});
