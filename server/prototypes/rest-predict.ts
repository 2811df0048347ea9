import { hitRateLimit } from "@/server/auth/rate-limit";
import type { Db } from "@/server/db";
import { DomainError, HTTP_STATUS } from "@/server/errors";
import { authenticateApiKey, bearerToken } from "./api-keys";
import { predictImage, type ModelPaths } from "./predict";
import { runQuality } from "./runs";

/**
 * POST /api/v1/prototypes/{id}/predict — the public REST endpoint. Authenticated by a
 * workspace API key; a prototype of another workspace answers 404 exactly like a missing one.
 * The image is the multipart field `image`, or the raw request body.
 */
export async function handlePredict(
  db: Db,
  req: Request,
  prototypeId: string,
  limits: { maxImageBytes: number; perKeyPerMinute: number },
  paths?: ModelPaths,
): Promise<Response> {
  const json = (status: number, body: unknown) => Response.json(body, { status });
  const auth = await authenticateApiKey(db, bearerToken(req.headers.get("authorization")));
  if (!auth)
    return json(401, { error: "invalid_api_key", message: "Missing, unknown or revoked API key. Send `Authorization: Bearer <key>`." });

  // Per key, shared by every app process (the counter lives in the database): inference is CPU-heavy,
  // and one client in a loop must not starve the workspace's training runs and pages.
  const rate = await hitRateLimit(db, `api-predict:${auth.keyId}`, limits.perKeyPerMinute, 60_000);
  const rateHeaders = {
    "X-RateLimit-Limit": String(limits.perKeyPerMinute),
    "X-RateLimit-Remaining": String(Math.max(0, limits.perKeyPerMinute - rate.count)),
  };
  if (!rate.allowed) {
    const retryAfter = Math.max(1, Math.ceil((rate.resetAt.getTime() - Date.now()) / 1000));
    return Response.json(
      {
        error: "rate_limited",
        message: `This API key made more than ${limits.perKeyPerMinute} requests in a minute; retry in ${retryAfter} s.`,
      },
      { status: 429, headers: { ...rateHeaders, "Retry-After": String(retryAfter) } },
    );
  }

  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > limits.maxImageBytes + 64 * 1024)
    return json(413, { error: "too_large", message: `The image is larger than ${Math.round(limits.maxImageBytes / 1e6)} MB.` });
  let image: Buffer;
  try {
    if ((req.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
      const file = (await req.formData()).get("image");
      if (!file || typeof file === "string")
        return json(400, { error: "missing_image", message: "Send the image in the multipart field `image`." });
      image = Buffer.from(await file.arrayBuffer());
    } else {
      image = Buffer.from(await req.arrayBuffer());
    }
  } catch {
    return json(400, { error: "bad_body", message: "The request body could not be read." });
  }
  if (image.length === 0) return json(400, { error: "missing_image", message: "The request has no image." });
  if (image.length > limits.maxImageBytes)
    return json(413, { error: "too_large", message: `The image is larger than ${Math.round(limits.maxImageBytes / 1e6)} MB.` });

  try {
    const result = await predictImage(db, { workspaceId: auth.workspaceId, prototypeId, image }, paths);
    const quality = await runQuality(db, { workspaceId: auth.workspaceId, runId: result.runId });
    return Response.json({ ...result, quality }, { status: 200, headers: rateHeaders });
  } catch (err) {
    if (err instanceof DomainError) return json(HTTP_STATUS[err.code], { error: err.reason, message: err.message });
    console.error("[api/v1 predict]", err);
    return json(500, { error: "internal", message: "Something went wrong on our side." });
  }
}
