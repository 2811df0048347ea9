import { hitRateLimit } from "@/server/auth/rate-limit";
import { DomainError, HttpError } from "@/server/errors";
import { env } from "@/server/env";
import { bodyLimits } from "@/server/http/limits";
import { callerLocale, fileErrorMessage } from "@/server/http/error-messages";
import type { RouteContext } from "@/server/http/route";
import type { Locale } from "@/server/i18n/locale";
import type { KeepPolicy } from "./kept";
import { predictAndKeep, type ModelPaths } from "./predict";
import { readPredictImages, type PredictItem } from "./rest-predict-body";
import { runQuality } from "./runs";

export { PREDICT_BODY_TYPES } from "./rest-predict-body";

/**
 * The public REST endpoint, behind the route wrapper (API key auth, body limit). A prototype
 * of another workspace answers 404 exactly like a missing one (the key's workspace scopes the query).
 * Several `image` fields (or one zip) make a batch, answered as `{ results }`; every image counts against the key's limit.
 */
export function predictHandler(limits: { perKeyPerMinute: number; maxImageBytes?: number }, paths?: ModelPaths, keepPolicy?: KeepPolicy) {
  const maxImageBytes = limits.maxImageBytes ?? bodyLimits(env).image;
  return async ({ db, request, params, principal, body }: RouteContext<{ id: string }, unknown, "apiKey">): Promise<Response> => {
    const { items, batch } = await readPredictImages(request, body, maxImageBytes);
    const images = items.flatMap((i) => ("image" in i ? [i.image] : []));

    // Per key, shared by every app process (the counter lives in the database): inference is CPU-heavy,
    // and one client in a loop must not starve the workspace's training runs and pages. A batch costs one per image.
    const rate = await hitRateLimit(db, `api-predict:${principal.keyId}`, limits.perKeyPerMinute, 60_000, images.length);
    const rateHeaders = {
      "X-RateLimit-Limit": String(limits.perKeyPerMinute),
      "X-RateLimit-Remaining": String(Math.max(0, limits.perKeyPerMinute - rate.count)),
    };
    if (!rate.allowed) {
      const retryAfter = Math.max(1, Math.ceil((rate.resetAt.getTime() - Date.now()) / 1000));
      throw new HttpError(
        "TOO_MANY_REQUESTS",
        "rateLimited",
        `This API key asked for more than ${limits.perKeyPerMinute} predictions in a minute; retry in ${retryAfter} s.`,
        { retryAfter, limit: limits.perKeyPerMinute },
        { ...rateHeaders, "Retry-After": String(retryAfter) },
      );
    }

    const results = await predictAndKeep(
      db,
      { workspaceId: principal.workspaceId, prototypeId: params.id, images, source: batch ? "batch" : "api" },
      paths,
      keepPolicy,
    );
    if (batch) {
      const entries = await inRequestOrder(items, results, callerLocale(request));
      // Every entry comes from the same run: its measured quality is said once for the batch.
      const quality = results[0] ? await runQuality(db, { workspaceId: principal.workspaceId, runId: results[0].runId }) : null;
      return Response.json({ results: entries, quality }, { status: 200, headers: rateHeaders });
    }
    const [result] = results;
    if (!result || "error" in result)
      throw new DomainError("BAD_REQUEST", "imageUnreadable", result && "error" in result ? result.error : "The image could not be read", {
        cause: result && "error" in result ? result.reason : "corrupt",
      });
    const quality = await runQuality(db, { workspaceId: principal.workspaceId, runId: result.runId });
    return Response.json({ ...result, quality }, { status: 200, headers: rateHeaders });
  };
}

type Predicted = Awaited<ReturnType<typeof predictAndKeep>>[number];

/**
 * One entry per file, in the order sent (a zip: archive order), each named by its file name when it
 * had one (a zip: its path inside the archive); files refused before prediction keep their reason. An
 * unreadable image says why as the upload page does, in the caller's language.
 */
async function inRequestOrder(items: PredictItem[], results: Predicted[], locale: Locale) {
  let next = 0;
  return Promise.all(
    items.map(async (item) => {
      const named = item.file === null ? {} : { file: item.file };
      if ("error" in item) return { ...named, error: item.error };
      const r = results[next++]!;
      if (!("error" in r)) return { ...named, ...r };
      const message = await fileErrorMessage(locale, r.reason, r.error);
      return { ...named, runId: r.runId, version: r.version, error: { reason: "imageUnreadable", message } };
    }),
  );
}
