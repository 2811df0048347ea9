import { defineRoute } from "@/server/http/route";
import { prototypeScope } from "@/server/http/scopes";
import { storedObjectResponse } from "@/server/http/stored-object";
import { downloadRunExport } from "@/server/prototypes/export-zip";

export const dynamic = "force-dynamic";

/** Download a trained run as a zip (TF.js model, labels, preprocessing, browser snippet), streamed from storage. */
export const GET = defineRoute(
  { name: "export", auth: "session", scope: prototypeScope<{ id: string; runId: string }>("prototype.read") },
  async ({ db, params, scope, principal }) => {
    const { fileName, zip } = await downloadRunExport(db, { ...scope, runId: params.runId, actorId: principal.user.id });
    return storedObjectResponse(zip, {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    });
  },
);
