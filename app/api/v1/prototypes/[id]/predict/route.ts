import { env } from "@/server/env";
import { bodyLimits } from "@/server/http/limits";
import { defineRoute } from "@/server/http/route";
import { PREDICT_BODY_TYPES, predictHandler } from "@/server/prototypes/rest-predict";

export const dynamic = "force-dynamic";

export const POST = defineRoute(
  { name: "api/v1 predict", auth: "apiKey", body: { maxBytes: bodyLimits(env).predict, contentTypes: PREDICT_BODY_TYPES } },
  predictHandler({ perKeyPerMinute: env.API_PREDICT_PER_MINUTE }),
);
