import { env } from "@/server/env";
import { getDb } from "@/server/db";
import { ensureDatabase } from "@/server/runtime/database";
import { handlePredict } from "@/server/prototypes/rest-predict";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  await ensureDatabase();
  const { id } = await params;
  return handlePredict(getDb(), req, id, {
    maxImageBytes: env.UPLOAD_MAX_IMAGE_MB * 1024 * 1024,
    perKeyPerMinute: env.API_PREDICT_PER_MINUTE,
  });
}
