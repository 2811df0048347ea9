import { hitRateLimit } from "@/server/auth/rate-limit";
import type { Db } from "@/server/db";
import { DomainError, HTTP_STATUS } from "@/server/errors";
import { authenticateApiKey, bearerToken } from "./api-keys";
import { predictImages, type ModelPaths } from "./predict";
import { readPredictBody } from "./rest-predict-body";

/**
 * POST /api/v1/prototypes/{id}/predict — the public REST endpoint. Authenticated by a
 * workspace API key; a prototype of another workspace answers 404 exactly like a missing one.
 * The image is the multipart field `image`, or the raw request body; several `image`
 * fields make a batch (see readPredictBody). Every image counts against the key's limit.
 */
export async function handlePredict(
  db: Db,
  req: Request,
  prototypeId: string,
  limits: { maxImageBytes: number; perKeyPerMinute: number; maxBatchBytes?: number },
  paths?: ModelPaths,
): Promise<Response> {
  const json = (status: number, body: unknown) => Response.json(body, { status });
  const auth = await authenticateApiKey(db, bearerToken(req.headers.get("authorization")));
  if (!auth)
    return json(401, { error: "invalid_api_key", message: "Missing, unknown or revoked API key. Send `Authorization: Bearer <key>`." });

  const body = await readPredictBody(req, {
    maxImageBytes: limits.maxImageBytes,
    maxBatchBytes: limits.maxBatchBytes ?? 4 * limits.maxImageBytes,
  });
  if (!body.ok) return json(body.status, { error: body.error, message: body.message });

  // Per key, shared by every app process (the counter lives in the database): inference is CPU-heavy,
  // and one client in a loop must not starve the workspace's training runs and pages. A batch costs one per image.
  const rate = await hitRateLimit(db, `api-predict:${auth.keyId}`, limits.perKeyPerMinute, 60_000, body.images.length);
  const rateHeaders = {
    "X-RateLimit-Limit": String(limits.perKeyPerMinute),
    "X-RateLimit-Remaining": String(Math.max(0, limits.perKeyPerMinute - rate.count)),
  };
  if (!rate.allowed) {
    const retryAfter = Math.max(1, Math.ceil((rate.resetAt.getTime() - Date.now()) / 1000));
    return Response.json(
      {
        error: "rate_limited",
        message: `This API key asked for more than ${limits.perKeyPerMinute} predictions in a minute; retry in ${retryAfter} s.`,
      },
      { status: 429, headers: { ...rateHeaders, "Retry-After": String(retryAfter) } },
    );
  }

  try {
    const results = await predictImages(db, { workspaceId: auth.workspaceId, prototypeId, images: body.images }, paths);
    if (body.batch) {
      const entries = results.map((r) =>
        "error" in r ? { runId: r.runId, version: r.version, error: "image_unreadable", message: r.error } : r,
      );
      return Response.json({ results: entries }, { status: 200, headers: rateHeaders });
    }
    const [result] = results;
    if (!result || "error" in result)
      return json(400, { error: "imageUnreadable", message: result?.error ?? "The image could not be read" });
    return Response.json(result, { status: 200, headers: rateHeaders });
  } catch (err) {
    if (err instanceof DomainError) return json(HTTP_STATUS[err.code], { error: err.reason, message: err.message });
    console.error("[api/v1 predict]", err);
    return json(500, { error: "internal", message: "Something went wrong on our side." });
  }
}
