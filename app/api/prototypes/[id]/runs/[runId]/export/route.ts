import { z } from "zod";
import { env } from "@/server/env";
import { DomainError } from "@/server/errors";
import { defineRoute } from "@/server/http/route";
import { prototypeScope } from "@/server/http/scopes";
import { EXPORT_WEIGHTS, downloadRunExport } from "@/server/prototypes/export-zip";

const ZWeights = z.enum(EXPORT_WEIGHTS).default("float32");

export const dynamic = "force-dynamic";

/** Download a trained run as a zip (TF.js model, labels, preprocessing, browser snippet); `?weights=float16` for the smaller one. */
export const GET = defineRoute(
  { name: "export", auth: "session", scope: prototypeScope<{ id: string; runId: string }>("prototype.read") },
  async ({ db, request, params, scope, principal }) => {
    const weights = ZWeights.safeParse(new URL(request.url).searchParams.get("weights") ?? undefined);
    if (!weights.success) throw new DomainError("BAD_REQUEST", "invalidExportWeights", "weights must be float32 or float16");
    const { fileName, zip } = await downloadRunExport(
      db,
      { ...scope, runId: params.runId, actorId: principal.user.id, weights: weights.data },
      env,
    );
    return new Response(new Uint8Array(zip), {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="${fileName}"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
);
