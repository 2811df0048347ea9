import { env } from "@/server/env";
import { bodyLimits } from "@/server/http/limits";
import { pageErrors } from "@/server/http/error-messages";
import { defineRoute } from "@/server/http/route";
import { prototypeScope } from "@/server/http/scopes";
import { uploadReportIn, uploadZip } from "@/server/prototypes/uploads";

export const dynamic = "force-dynamic";

const limits = bodyLimits(env);

/**
 * A .zip as the raw request body (one folder per class), streamed to a temporary file. Replies with a per-file
 * report; it and the errors are worded as the upload page words them, in the user's language.
 */
export const POST = defineRoute(
  {
    name: "zip upload",
    auth: "session",
    scope: prototypeScope("prototype.write"),
    body: { maxBytes: limits.zip, contentTypes: ["application/zip", "application/x-zip-compressed", "application/octet-stream"] },
    messages: pageErrors("prototypes.dataErrors"),
  },
  async ({ db, scope, body, locale }) => {
    const { file, cleanup } = await body.toTempFile();
    try {
      const result = await uploadZip(
        db,
        { ...scope, source: { path: file } },
        {
          image: { maxBytes: limits.image, maxPixels: env.UPLOAD_MAX_PIXELS },
          zip: { maxArchiveBytes: limits.zip, maxTotalBytes: limits.zip, maxEntryBytes: limits.image },
        },
      );
      return Response.json({ ...result, items: await uploadReportIn(await locale(), result.items) });
    } finally {
      await cleanup();
    }
  },
);
