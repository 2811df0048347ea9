import { hitRateLimit } from "@/server/auth/rate-limit";
import { DomainError } from "@/server/errors";
import { errorJson, type RouteContext } from "@/server/http/route";
import { predictImage, type ModelPaths } from "./predict";
import { runQuality } from "./runs";

/** What POST /api/v1/prototypes/{id}/predict accepts: the multipart field `image`, or the image as the raw body. */
export const PREDICT_BODY_TYPES = ["multipart/form-data", "image/*", "application/octet-stream"] as const;

/**
 * The public REST endpoint, behind the route wrapper (API key auth, body limit). A prototype
 * of another workspace answers 404 exactly like a missing one (the key's workspace scopes the query).
 */
export function predictHandler(limits: { perKeyPerMinute: number }, paths?: ModelPaths) {
  return async ({ db, request, params, principal, body }: RouteContext<{ id: string }, unknown, "apiKey">): Promise<Response> => {
    // Per key, shared by every app process (the counter lives in the database): inference is CPU-heavy,
    // and one client in a loop must not starve the workspace's training runs and pages.
    const rate = await hitRateLimit(db, `api-predict:${principal.keyId}`, limits.perKeyPerMinute, 60_000);
    const rateHeaders = {
      "X-RateLimit-Limit": String(limits.perKeyPerMinute),
      "X-RateLimit-Remaining": String(Math.max(0, limits.perKeyPerMinute - rate.count)),
    };
    if (!rate.allowed) {
      const retryAfter = Math.max(1, Math.ceil((rate.resetAt.getTime() - Date.now()) / 1000));
      return errorJson(
        429,
        "rateLimited",
        `This API key made more than ${limits.perKeyPerMinute} requests in a minute; retry in ${retryAfter} s.`,
        { headers: { ...rateHeaders, "Retry-After": String(retryAfter) }, details: { retryAfter } },
      );
    }

    let image: Buffer;
    if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
      const file = (await body.form()).get("image");
      if (!file || typeof file === "string")
        throw new DomainError("BAD_REQUEST", "missingImage", "Send the image in the multipart field `image`.");
      image = Buffer.from(await file.arrayBuffer());
    } else {
      image = Buffer.from(await body.bytes());
    }
    if (image.length === 0) throw new DomainError("BAD_REQUEST", "missingImage", "The request has no image.");

    const result = await predictImage(db, { workspaceId: principal.workspaceId, prototypeId: params.id, image }, paths);
    const quality = await runQuality(db, { workspaceId: principal.workspaceId, runId: result.runId });
    return Response.json({ ...result, quality }, { status: 200, headers: rateHeaders });
  };
}
