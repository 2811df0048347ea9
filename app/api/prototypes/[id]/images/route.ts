import { env } from "@/server/env";
import { DomainError } from "@/server/errors";
import { bodyLimits } from "@/server/http/limits";
import { pageErrors } from "@/server/http/error-messages";
import { defineRoute } from "@/server/http/route";
import { prototypeScope } from "@/server/http/scopes";
import { uploadFilesToClass, uploadReportIn, type UploadItem } from "@/server/prototypes/uploads";

export const dynamic = "force-dynamic";

const limits = bodyLimits(env);

/**
 * Multipart upload of one or more image files onto a class (`classId` field, `files` fields). Replies with a
 * per-file report; it and the errors are worded as the upload page words them, in the user's language.
 */
export const POST = defineRoute(
  {
    name: "upload",
    auth: "session",
    scope: prototypeScope("prototype.write"),
    body: { maxBytes: limits.imageForm, contentTypes: ["multipart/form-data"] },
    messages: pageErrors("prototypes.dataErrors"),
  },
  async ({ db, scope, body, locale }) => {
    const form = await body.form();
    const classId = form.get("classId");
    if (typeof classId !== "string" || !classId) throw new DomainError("BAD_REQUEST", "noClass", "Choose a class for the images");
    const files = form.getAll("files").filter((f): f is File => typeof f !== "string");
    if (files.length === 0) throw new DomainError("BAD_REQUEST", "noFiles", "No files were sent");
    const tooBig: UploadItem[] = [];
    const small: Array<{ name: string; bytes: Uint8Array }> = [];
    for (const file of files) {
      if (file.size > limits.image) {
        tooBig.push({
          name: file.name,
          status: "rejected",
          reason: "tooLarge",
          message: `The file is larger than the ${env.UPLOAD_MAX_IMAGE_MB} MB limit per image.`,
        });
      } else {
        small.push({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      }
    }
    const items = small.length
      ? await uploadFilesToClass(
          db,
          { ...scope, classId, files: small },
          { image: { maxBytes: limits.image, maxPixels: env.UPLOAD_MAX_PIXELS }, zip: {} },
        )
      : [];
    return Response.json({ items: await uploadReportIn(await locale(), [...items, ...tooBig]) });
  },
);
