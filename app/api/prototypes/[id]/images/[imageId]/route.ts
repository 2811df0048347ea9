import { pageErrors } from "@/server/http/error-messages";
import { defineRoute } from "@/server/http/route";
import { prototypeScope } from "@/server/http/scopes";
import { storedObjectResponse } from "@/server/http/stored-object";
import { getImageOrThrow } from "@/server/prototypes/images";
import { openThumbnail } from "@/server/prototypes/thumbnails";
import { imageKey, storage } from "@/server/storage";

export const dynamic = "force-dynamic";

/** A stored image for members of its workspace; `?size=thumb` gives a 256 px thumbnail. Streamed from storage. */
export const GET = defineRoute(
  {
    name: "image",
    auth: "session",
    scope: prototypeScope<{ id: string; imageId: string }>("prototype.read"),
    messages: pageErrors("prototypes.dataErrors"),
  },
  async ({ request, db, params, scope }) => {
    const image = await getImageOrThrow(db, { ...scope, imageId: params.imageId });
    const thumb = new URL(request.url).searchParams.get("size") === "thumb";
    // An image id always names the same bytes (relabelling moves the row, not the file): the content hash is a strong ETag.
    const etag = `"${image.contentHash}${thumb ? "-thumb" : ""}"`;
    const headers = { ETag: etag, "Cache-Control": "private, max-age=86400" };
    if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
    // A missing object answers 404 (the route wrapper maps ObjectNotFoundError).
    const object = thumb ? await openThumbnail(storage(), image.storagePath) : await storage().get(imageKey(image.storagePath));
    return storedObjectResponse(object, headers);
  },
);
