import { beforeAll, describe, expect, it } from "vitest";
import { POST as predict } from "@/app/api/v1/prototypes/[id]/predict/route";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { createApiKey } from "@/server/prototypes/api-keys";
import { createUser } from "@/server/test/factories";
import { errorMessage } from "./error-messages";
import { bodyLimits } from "./limits";

// The REST endpoint as deployed (app/api/v1 route through the route wrapper): its errors in the caller's language.
let key: string;
let prototypeId: string;
let foreignPrototypeId: string;

beforeAll(async () => {
  const db = getDb();
  const owner = await createUser({ name: "Caller" });
  const stranger = await createUser({ name: "Stranger" });
  const workspaceId = owner.workspace.id;
  prototypeId = (await db.prototype.create({ data: { workspaceId, name: "Parts" }, select: { id: true } })).id;
  // A finished run, so a bad image is refused for being unreadable, not for a missing model (no artifact is needed for that).
  await db.trainingRun.create({ data: { workspaceId, prototypeId, version: 1, status: "SUCCEEDED", settings: {} } });
  foreignPrototypeId = (await db.prototype.create({ data: { workspaceId: stranger.workspace.id, name: "Theirs" }, select: { id: true } }))
    .id;
  key = (await createApiKey(db, { workspaceId, userId: owner.user.id, name: "errors" })).key;
});

type ErrorBody = { error: { reason: string; message: string; details?: Record<string, unknown> } };

interface Case {
  name: string;
  status: number;
  reason: string;
  /** The prototype the request names (known only once the database is set up). */
  id: () => string;
  send: (language?: string) => Request;
}

const url = (id: string) => `http://localhost:3000/api/v1/prototypes/${id}/predict`;
const request = (id: string, init: { auth?: string | null; type?: string; body: BodyInit }, language?: string) =>
  new Request(url(id), {
    method: "POST",
    headers: {
      ...(init.auth === null ? {} : { authorization: init.auth ?? `Bearer ${key}` }),
      "content-type": init.type ?? "image/png",
      ...(language ? { "accept-language": language } : {}),
    },
    body: init.body,
  });

const cases: Case[] = [
  {
    name: "no API key",
    status: 401,
    reason: "invalidApiKey",
    id: () => prototypeId,
    send: (l) => request(prototypeId, { auth: null, body: "x" }, l),
  },
  {
    name: "an unknown API key",
    status: 401,
    reason: "invalidApiKey",
    id: () => prototypeId,
    send: (l) => request(prototypeId, { auth: "Bearer vl_not-a-real-key", body: "x" }, l),
  },
  {
    name: "another workspace's prototype",
    status: 404,
    reason: "notFound",
    id: () => foreignPrototypeId,
    send: (l) => request(foreignPrototypeId, { body: "not an image" }, l),
  },
  {
    name: "a body over the limit",
    status: 413,
    reason: "bodyTooLarge",
    id: () => prototypeId,
    send: (l) => request(prototypeId, { body: new Uint8Array(bodyLimits(env).predict + 1) }, l),
  },
  {
    name: "a file that is not an image",
    status: 400,
    reason: "imageUnreadable",
    id: () => prototypeId,
    send: (l) => request(prototypeId, { body: "this is plain text, not a PNG" }, l),
  },
  {
    name: "a body type the endpoint does not take",
    status: 415,
    reason: "unsupportedMediaType",
    id: () => prototypeId,
    send: (l) => request(prototypeId, { type: "text/plain", body: "hello" }, l),
  },
];

const han = /[\u4e00-\u9fff]/;

async function call(c: Case, language?: string): Promise<ErrorBody> {
  const res = await predict(c.send(language), { params: Promise.resolve({ id: c.id() }) });
  expect(res.status, c.name).toBe(c.status);
  const body = (await res.json()) as ErrorBody;
  expect(body.error.reason, c.name).toBe(c.reason);
  return body;
}

describe("REST errors in the caller's language", () => {
  for (const c of cases) {
    it(`${c.name}: ${c.reason} in Chinese with Accept-Language zh-CN, in English by default`, async () => {
      const zh = await call(c, "zh-CN,zh;q=0.9,en;q=0.8");
      const en = await call(c);
      const fr = await call(c, "fr-FR");
      // Same reason and details whatever the language; only the sentence changes.
      expect(zh.error.details).toEqual(en.error.details);
      expect(zh.error.message).toMatch(han);
      expect(en.error.message).not.toMatch(han);
      expect(fr.error.message).toBe(en.error.message);
      expect(zh.error.message).toBe(await errorMessage("zh", c.reason, zh.error.details));
      expect(en.error.message).toBe(await errorMessage("en", c.reason, en.error.details));
    });
  }

  it("says which file types it takes and how large a body may be, in both languages", async () => {
    const tooLarge = cases.find((c) => c.reason === "bodyTooLarge")!;
    const maxMb = Math.round(bodyLimits(env).predict / (1024 * 1024));
    expect((await call(tooLarge, "zh-CN")).error.message).toBe(`请求超过了 ${maxMb} MB 的上限。`);
    expect((await call(tooLarge)).error.message).toBe(`The request is larger than the ${maxMb} MB limit.`);
    const badImage = await call(cases.find((c) => c.reason === "imageUnreadable")!);
    expect(badImage.error.details).toEqual({ cause: "notAnImage" });
  });
});
