import sharp from "sharp";
import { getSessionUser } from "@/server/auth/next-auth";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { getImageOrThrow } from "@/server/prototypes/images";
import { readStoredFile } from "@/server/prototypes/storage";
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
    const data = await readStoredFile(env.uploadsDir, image.storagePath);
    const thumb = new URL(request.url).searchParams.get("size") === "thumb";
    const body = thumb ? await sharp(data).resize(256, 256, { fit: "cover" }).jpeg({ quality: 80 }).toBuffer() : data;
    const type = thumb || image.storagePath.endsWith(".jpg") ? "image/jpeg" : "image/webp";
    return new Response(new Uint8Array(body), { headers: { "Content-Type": type, "Cache-Control": "private, max-age=3600" } });
  } catch (err) {
    return errorResponse(err, "image");
  }
}
