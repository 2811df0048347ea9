import { getSessionUser } from "@/server/next/auth";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { getImageOrThrow } from "@/server/prototypes/images";
import { readStoredFile } from "@/server/prototypes/storage";
import { readThumbnail } from "@/server/prototypes/thumbnails";
import { errorResponse, prototypeAccess } from "@/server/prototypes/uploads-http";
import { ensureDatabase } from "@/server/runtime/database";

export const dynamic = "force-dynamic";

/** A stored image for members of its workspace; `?size=thumb` gives a 256 px thumbnail. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; imageId: string }> }) {
  try {
    await ensureDatabase();
    const db = getDb();
    const { id, imageId } = await params;
    const access = await prototypeAccess(db, await getSessionUser(), id, "prototype.read");
    const image = await getImageOrThrow(db, { ...access, imageId });
    const thumb = new URL(request.url).searchParams.get("size") === "thumb";
    // An image id always names the same bytes (relabelling moves the row, not the file): the content hash is a strong ETag.
    const etag = `"${image.contentHash}${thumb ? "-thumb" : ""}"`;
    const headers = { ETag: etag, "Cache-Control": "private, max-age=86400" };
    if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
    const body = thumb ? await readThumbnail(env.uploadsDir, image.storagePath) : await readStoredFile(env.uploadsDir, image.storagePath);
    const type = thumb || image.storagePath.endsWith(".jpg") ? "image/jpeg" : "image/webp";
    return new Response(new Uint8Array(body), { headers: { ...headers, "Content-Type": type } });
  } catch (err) {
    return errorResponse(err, "image");
  }
}
