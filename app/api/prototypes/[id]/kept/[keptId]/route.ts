import { env } from "@/server/env";
import { defineRoute } from "@/server/http/route";
import { prototypeScope } from "@/server/http/scopes";
import { getKeptOrThrow } from "@/server/prototypes/inbox";
import { readStoredFile } from "@/server/prototypes/storage";

export const dynamic = "force-dynamic";

/** The stored copy of a kept prediction, for members of its workspace (the review inbox). */
export const GET = defineRoute(
  { name: "kept image", auth: "session", scope: prototypeScope<{ id: string; keptId: string }>("prototype.read") },
  async ({ request, db, params, scope }) => {
    const kept = await getKeptOrThrow(db, { ...scope, keptId: params.keptId });
    const etag = `"${kept.id}"`;
    const headers = { ETag: etag, "Cache-Control": "private, max-age=86400" };
    if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
    const body = await readStoredFile(env.uploadsDir, kept.storagePath);
    const type = kept.storagePath.endsWith(".jpg") ? "image/jpeg" : "image/webp";
    return new Response(new Uint8Array(body), { headers: { ...headers, "Content-Type": type } });
  },
);
