import type { Db } from "@/server/db";
import { recordVerdictChange } from "./history";
import { updateIdea, type IdeaFields } from "./ideas";

/** Saves the idea (version-checked, server/edits.ts) and keeps the verdict history in step with what the edit changed. */
export async function editIdea(
  db: Db,
  args: { workspaceId: string; userId: string; ideaId: string; fields: IdeaFields; baseUpdatedAt?: Date },
) {
  const idea = await updateIdea(db, args);
  await recordVerdictChange(db, { ...args, cause: "idea", detail: idea.title });
  return idea;
}
