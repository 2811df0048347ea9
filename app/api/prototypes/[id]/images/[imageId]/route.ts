import { env } from "@/server/env";
import { defineRoute } from "@/server/http/route";
import { prototypeScope } from "@/server/http/scopes";
import { getImageOrThrow } from "@/server/prototypes/images";
import { readStoredFile } from "@/server/prototypes/storage";
import { readThumbnail } from "@/server/prototypes/thumbnails";

export const dynamic = "force-dynamic";

/** A stored image for members of its workspace; `?size=thumb` gives a 256 px thumbnail. */
export const GET = defineRoute(
  { name: "image", auth: "session", scope: prototypeScope<{ id: string; imageId: string }>("prototype.read") },
  async ({ request, db, params, scope }) => {
    const image = await getImageOrThrow(db, { ...scope, imageId: params.imageId });
    const thumb = new URL(request.url).searchParams.get("size") === "thumb";
    // An image id always names the same bytes (relabelling moves the row, not the file): the content hash is a strong ETag.
    const etag = `"${image.contentHash}${thumb ? "-thumb" : ""}"`;
    const headers = { ETag: etag, "Cache-Control": "private, max-age=86400" };
    if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
    const body = thumb ? await readThumbnail(env.uploadsDir, image.storagePath) : await readStoredFile(env.uploadsDir, image.storagePath);
    const type = thumb || image.storagePath.endsWith(".jpg") ? "image/jpeg" : "image/webp";
    return new Response(new Uint8Array(body), { headers: { ...headers, "Content-Type": type } });
  },
);
