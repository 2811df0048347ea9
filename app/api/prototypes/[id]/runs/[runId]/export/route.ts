import { getSessionUser } from "@/server/next/auth";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { DomainError, HTTP_STATUS } from "@/server/errors";
import { can } from "@/server/permissions";
import { buildRunExport } from "@/server/prototypes/export-zip";
import { ensureDatabase } from "@/server/runtime/database";
import { resolveWorkspaceAccess } from "@/server/workspaces/workspaces";

export const dynamic = "force-dynamic";

/** Download a trained run as a zip (TF.js model, labels, preprocessing, browser snippet). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; runId: string }> }) {
  try {
    await ensureDatabase();
    const user = await getSessionUser();
    if (!user) return Response.json({ error: "Sign in first" }, { status: 401 });
    const { id: prototypeId, runId } = await params;
    const db = getDb();
    // The run's workspace decides access; a run in a workspace the user is not in answers 404.
    const run = await db.trainingRun.findFirst({ where: { id: runId, prototypeId }, select: { workspaceId: true } });
    if (!run) return Response.json({ error: "Run not found" }, { status: 404 });
    const access = await resolveWorkspaceAccess(db, { workspaceId: run.workspaceId }, user.id);
    if (!can(access.role, "prototype.read")) return Response.json({ error: "Forbidden" }, { status: 403 });
    const { fileName, zip } = await buildRunExport(db, { workspaceId: access.workspace.id, prototypeId, runId }, env);
    return new Response(new Uint8Array(zip), {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="${fileName}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (err) {
    if (err instanceof DomainError) return Response.json({ error: err.message, reason: err.reason }, { status: HTTP_STATUS[err.code] });
    console.error("[export] failed", err);
    return Response.json({ error: "Export failed" }, { status: 500 });
  }
}
