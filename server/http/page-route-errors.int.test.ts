import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { createUser } from "@/server/test/factories";
import type { SessionUser } from "@/server/trpc";

let sessionUser: SessionUser | null = null;
vi.mock("@/server/next/auth", () => ({ getSessionUser: async () => sessionUser }));

// A 1 MB image limit, so "too large" takes a small file: the routes derive their caps at import.
const savedImageMb = env.UPLOAD_MAX_IMAGE_MB;
env.UPLOAD_MAX_IMAGE_MB = 1;
const { POST: uploadImages } = await import("@/app/api/prototypes/[id]/images/route");
const { POST: uploadZip } = await import("@/app/api/prototypes/[id]/zip/route");
const { GET: exportRun } = await import("@/app/api/prototypes/[id]/runs/[runId]/export/route");
afterAll(() => {
  env.UPLOAD_MAX_IMAGE_MB = savedImageMb;
});

/** The sentences the pages show, straight from the catalogues: the routes must answer with the same words. */
const catalogue = (locale: string, ns: string) =>
  JSON.parse(readFileSync(path.join(process.cwd(), "messages", locale, `${ns}.json`), "utf8")) as Record<string, Record<string, string>>;
const zh = { prototypes: catalogue("zh", "prototypes"), common: catalogue("zh", "common") };
const en = { prototypes: catalogue("en", "prototypes"), common: catalogue("en", "common") };

type Item = { name: string; status: string; reason?: string; message?: string };
type ErrorBody = { error: { reason: string; message: string } };

const params = <P>(p: P) => ({ params: Promise.resolve(p) });
const jpeg = (size: number, colour = "#c33") =>
  sharp({ create: { width: size, height: size, channels: 3, background: colour } })
    .jpeg({ quality: 100 })
    .toBuffer();
/** Random pixels do not compress: a JPEG over the 1 MB limit. */
const noisyJpeg = () =>
  sharp(Buffer.from(Array.from({ length: 900 * 900 * 3 }, () => Math.floor(Math.random() * 256))), {
    raw: { width: 900, height: 900, channels: 3 },
  })
    .jpeg({ quality: 100 })
    .toBuffer();

describe("the routes the app's pages call answer in the user's language", () => {
  let owner: Awaited<ReturnType<typeof createUser>>;
  let prototypeId: string;
  let classId: string;
  let queuedRunId: string;

  beforeAll(async () => {
    owner = await createUser({ name: "李雷" });
    // The founder chose Chinese in the app; the browser still asks for English.
    await owner.caller.account.setLocale({ locale: "zh" });
    const workspaceId = owner.workspace.id;
    prototypeId = (await owner.caller.prototypes.create({ workspaceId, name: "零件", classes: ["好", "坏"] })).id;
    classId = (await owner.caller.prototypes.get({ workspaceId, prototypeId })).classes[0]!.id;
    queuedRunId = (
      await getDb().trainingRun.create({
        data: { workspaceId, prototypeId, version: 1, status: "QUEUED", settings: {} },
        select: { id: true },
      })
    ).id;
  });

  const upload = async (files: File[], init: { classId?: string | null; headers?: Record<string, string> } = {}) => {
    const form = new FormData();
    if (init.classId !== null) form.set("classId", init.classId ?? classId);
    for (const f of files) form.append("files", f);
    return uploadImages(
      new Request(`http://x/api/prototypes/${prototypeId}/images`, {
        method: "POST",
        headers: { "accept-language": "en-US,en;q=0.9", ...init.headers },
        body: form,
      }),
      params({ id: prototypeId }),
    );
  };

  it("says a file over the size limit and a file that is no image are refused, in Chinese for a Chinese account", async () => {
    sessionUser = owner.user;
    const big = await noisyJpeg();
    expect(big.byteLength).toBeGreaterThan(1024 * 1024);
    const files = [
      new File([new Uint8Array(big)], "huge.jpg", { type: "image/jpeg" }),
      new File(["just some notes, not a picture"], "notes.txt", { type: "text/plain" }),
      new File([new Uint8Array(await jpeg(24))], "ok.jpg", { type: "image/jpeg" }),
    ];
    const res = await upload(files);
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: Item[] };
    const byName = Object.fromEntries(items.map((i) => [i.name, i]));
    expect(byName["huge.jpg"]).toMatchObject({ status: "rejected", reason: "tooLarge", message: zh.prototypes.fileErrors!.tooLarge });
    expect(byName["notes.txt"]).toMatchObject({ status: "rejected", reason: "notAnImage", message: zh.prototypes.fileErrors!.notAnImage });
    expect(byName["ok.jpg"]).toMatchObject({ status: "accepted" });

    // The same image again: a duplicate, named by its class, in Chinese too.
    const again = (await (await upload([new File([new Uint8Array(await jpeg(24))], "again.jpg")])).json()) as { items: Item[] };
    expect(again.items[0]).toMatchObject({ status: "duplicate", message: "与“好”中已有的图片内容相同。" });
  });

  it("refuses a body of the wrong type, a form without a class and a file that is no zip, in Chinese", async () => {
    sessionUser = owner.user;
    const raw = (route: typeof uploadImages, path: string, type: string, body: string) =>
      route(
        new Request(`http://x/api/prototypes/${prototypeId}/${path}`, { method: "POST", headers: { "content-type": type }, body }),
        params({ id: prototypeId }),
      );
    const wrongType = await raw(uploadImages, "images", "application/json", "{}");
    expect(wrongType.status).toBe(415);
    expect(await wrongType.json()).toMatchObject({
      error: { reason: "unsupportedMediaType", message: zh.common.errors!.unsupportedMediaType },
    });

    const noClass = await upload([new File([new Uint8Array(await jpeg(20, "#3c3"))], "a.jpg")], { classId: null });
    expect(noClass.status).toBe(400);
    expect(await noClass.json()).toMatchObject({ error: { reason: "noClass", message: zh.prototypes.dataErrors!.noClass } });

    const notZip = await raw(uploadZip, "zip", "application/zip", "this is not a zip archive at all");
    expect(notZip.status).toBe(400);
    const body = (await notZip.json()) as ErrorBody;
    expect(body).toMatchObject({ error: { reason: "notAZip", message: zh.prototypes.dataErrors!.notAZip } });
    // Never the zip reader's own words (they quote the library's error).
    expect(body.error.message).not.toMatch(/[A-Za-z]{4,}/);
  });

  it("words a refused download as the results page does", async () => {
    sessionUser = owner.user;
    const download = (weights: string) =>
      exportRun(
        new Request(`http://x/api/prototypes/${prototypeId}/runs/${queuedRunId}/export?weights=${weights}`),
        params({ id: prototypeId, runId: queuedRunId }),
      );
    const badWeights = await download("int4");
    expect(badWeights.status).toBe(400);
    expect(await badWeights.json()).toMatchObject({
      error: { reason: "invalidExportWeights", message: zh.common.errors!.invalidExportWeights },
    });
    const unfinished = await download("float32");
    expect(unfinished.status).toBe(412);
    expect(await unfinished.json()).toMatchObject({
      error: { reason: "runNotFinished", message: zh.prototypes.runErrors!.runNotFinished },
    });
  });

  it("follows the language picker's cookie, then the browser, when nobody is signed in; English by default", async () => {
    sessionUser = null;
    const signedOut = async (headers: Record<string, string>) => {
      const res = await upload([], { headers });
      expect(res.status).toBe(401);
      return ((await res.json()) as ErrorBody).error;
    };
    expect(await signedOut({ cookie: "vl-locale=zh" })).toEqual({ reason: "signIn", message: zh.common.errors!.signIn });
    expect(await signedOut({ "accept-language": "zh-CN,zh;q=0.9" })).toEqual({ reason: "signIn", message: zh.common.errors!.signIn });
    expect(await signedOut({})).toEqual({ reason: "signIn", message: en.common.errors!.signIn });
  });

  it("answers an English account in English, whatever the browser asks for", async () => {
    const english = await createUser({ name: "Lee" });
    sessionUser = english.user;
    const workspaceId = english.workspace.id;
    const id = (await english.caller.prototypes.create({ workspaceId, name: "Parts", classes: ["ok", "bad"] })).id;
    const res = await uploadImages(
      new Request(`http://x/api/prototypes/${id}/images`, {
        method: "POST",
        headers: { "accept-language": "zh-CN" },
        body: new FormData(),
      }),
      params({ id }),
    );
    // The account's saved language is English (createUser signs up in English): it wins over the browser.
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { reason: "noClass", message: en.prototypes.dataErrors!.noClass } });
  });
});
