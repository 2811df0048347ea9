import { env } from "@/server/env";
import { openApiDocument } from "@/server/http/openapi";
import { defineRoute } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** The REST API's OpenAPI description: public (it describes the API, holds no workspace data). */
export const GET = defineRoute({ name: "openapi", auth: "public" }, async () =>
  Response.json(
    openApiDocument({
      serverUrl: env.NEXTAUTH_URL,
      perKeyPerMinute: env.API_PREDICT_PER_MINUTE,
      maxImageMb: env.UPLOAD_MAX_IMAGE_MB,
      maxMegapixels: env.UPLOAD_MAX_PIXELS / 1_000_000,
    }),
  ),
);
