import { z } from "zod";
import { DomainError } from "@/server/errors";
import { pageErrors } from "@/server/http/error-messages";
import { defineRoute } from "@/server/http/route";
import { prototypeScope } from "@/server/http/scopes";
import { storedObjectResponse } from "@/server/http/stored-object";
import { EXPORT_WEIGHTS, downloadQuantisedRunExport, downloadRunExport } from "@/server/prototypes/export-zip";

const ZWeights = z.enum(EXPORT_WEIGHTS).default("float32");

export const dynamic = "force-dynamic";

/**
 * Download a trained run as a zip (TF.js model, labels, preprocessing, browser snippet), streamed from storage;
 * `?weights=float16` for the smaller one (built from it on request).
 */
export const GET = defineRoute(
  {
    name: "export",
    auth: "session",
    scope: prototypeScope<{ id: string; runId: string }>("prototype.read"),
    messages: pageErrors("prototypes.runErrors"),
  },
  async ({ db, request, params, scope, principal }) => {
    const weights = ZWeights.safeParse(new URL(request.url).searchParams.get("weights") ?? undefined);
    if (!weights.success) throw new DomainError("BAD_REQUEST", "invalidExportWeights", "weights must be float32 or float16");
    const args = { ...scope, runId: params.runId, actorId: principal.user.id };
    if (weights.data === "float16") {
      const { fileName, zip } = await downloadQuantisedRunExport(db, args);
      return new Response(new Uint8Array(zip), {
        headers: {
          "Content-Type": "application/zip",
          "Content-Disposition": `attachment; filename="${fileName}"`,
          "Cache-Control": "private, no-store",
        },
      });
    }
    const { fileName, zip } = await downloadRunExport(db, args);
    return storedObjectResponse(zip, {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    });
  },
);
