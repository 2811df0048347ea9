import { pageErrors } from "@/server/http/error-messages";
import { defineRoute } from "@/server/http/route";
import { prototypeScope } from "@/server/http/scopes";
import { storedObjectResponse } from "@/server/http/stored-object";
import { getKeptOrThrow } from "@/server/prototypes/inbox";
import { imageKey, storage } from "@/server/storage";

export const dynamic = "force-dynamic";

/** The stored copy of a kept prediction, for members of its workspace (the review inbox). Streamed from storage. */
export const GET = defineRoute(
  {
    name: "kept image",
    auth: "session",
    scope: prototypeScope<{ id: string; keptId: string }>("prototype.read"),
    messages: pageErrors("prototypes.dataErrors"),
  },
  async ({ request, db, params, scope }) => {
    const kept = await getKeptOrThrow(db, { ...scope, keptId: params.keptId });
    // A kept row always names the same bytes: its id is a strong ETag.
    const etag = `"${kept.id}"`;
    const headers = { ETag: etag, "Cache-Control": "private, max-age=86400" };
    if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
    // A missing object answers 404 (the route wrapper maps ObjectNotFoundError).
    return storedObjectResponse(await storage().get(imageKey(kept.storagePath)), headers);
  },
);
