import { getSessionUser } from "@/server/next/auth";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { uploadZip } from "@/server/prototypes/uploads";
import { bodyToTempFile, errorResponse, prototypeAccess } from "@/server/prototypes/uploads-http";
import { ensureDatabase } from "@/server/runtime/database";

export const dynamic = "force-dynamic";

/** A .zip as the raw request body (one folder per class), streamed to a temporary file. Replies with a per-file report. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await ensureDatabase();
    const db = getDb();
    const { id } = await params;
    const access = await prototypeAccess(db, await getSessionUser(), id, "prototype.write");
    const maxZip = env.UPLOAD_MAX_ZIP_MB * 1024 * 1024;
    const maxImage = env.UPLOAD_MAX_IMAGE_MB * 1024 * 1024;
    const { file, cleanup } = await bodyToTempFile(request, maxZip);
    try {
      const result = await uploadZip(
        db,
        { ...access, source: { path: file } },
        {
          image: { maxBytes: maxImage, maxPixels: env.UPLOAD_MAX_PIXELS },
          zip: { maxArchiveBytes: maxZip, maxTotalBytes: maxZip, maxEntryBytes: maxImage },
          uploadsDir: env.uploadsDir,
        },
      );
      return Response.json(result);
    } finally {
      await cleanup();
    }
  } catch (err) {
    return errorResponse(err, "zip upload");
  }
}
