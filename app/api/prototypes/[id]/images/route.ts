import { getSessionUser } from "@/server/next/auth";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { DomainError } from "@/server/errors";
import { uploadFilesToClass, type UploadItem } from "@/server/prototypes/uploads";
import { errorResponse, prototypeAccess } from "@/server/prototypes/uploads-http";
import { ensureDatabase } from "@/server/runtime/database";

export const dynamic = "force-dynamic";

/** Multipart upload of one or more image files onto a class (`classId` field, `files` fields). Replies with a per-file report. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await ensureDatabase();
    const db = getDb();
    const { id } = await params;
    const access = await prototypeAccess(db, await getSessionUser(), id, "prototype.write");
    const maxBytes = env.UPLOAD_MAX_IMAGE_MB * 1024 * 1024;
    const form = await request.formData().catch(() => {
      throw new DomainError("BAD_REQUEST", "badForm", "Send the images as multipart/form-data");
    });
    const classId = form.get("classId");
    if (typeof classId !== "string" || !classId) throw new DomainError("BAD_REQUEST", "noClass", "Choose a class for the images");
    const files = form.getAll("files").filter((f): f is File => typeof f !== "string");
    if (files.length === 0) throw new DomainError("BAD_REQUEST", "noFiles", "No files were sent");
    const tooBig: UploadItem[] = [];
    const small: Array<{ name: string; bytes: Uint8Array }> = [];
    for (const file of files) {
      if (file.size > maxBytes) {
        tooBig.push({
          name: file.name,
          status: "rejected",
          reason: "too_large",
          message: `The file is larger than the ${env.UPLOAD_MAX_IMAGE_MB} MB limit per image.`,
        });
      } else {
        small.push({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      }
    }
    const items = small.length
      ? await uploadFilesToClass(
          db,
          { ...access, classId, files: small },
          { image: { maxBytes, maxPixels: env.UPLOAD_MAX_PIXELS }, zip: {}, uploadsDir: env.uploadsDir },
        )
      : [];
    return Response.json({ items: [...items, ...tooBig] });
  } catch (err) {
    return errorResponse(err, "upload");
  }
}
