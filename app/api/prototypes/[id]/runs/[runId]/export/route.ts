import { env } from "@/server/env";
import { defineRoute } from "@/server/http/route";
import { prototypeScope } from "@/server/http/scopes";
import { downloadRunExport } from "@/server/prototypes/export-zip";

export const dynamic = "force-dynamic";

/** Download a trained run as a zip (TF.js model, labels, preprocessing, browser snippet). */
export const GET = defineRoute(
  { name: "export", auth: "session", scope: prototypeScope<{ id: string; runId: string }>("prototype.read") },
  async ({ db, params, scope, principal }) => {
    const { fileName, zip } = await downloadRunExport(db, { ...scope, runId: params.runId, actorId: principal.user.id }, env);
    return new Response(new Uint8Array(zip), {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="${fileName}"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
);
