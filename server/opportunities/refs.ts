import type { DbTx } from "@/server/db";
import { found } from "@/server/errors";
import { findCustom, findCustoms } from "./custom";
import { loadCurated } from "./store";
import { curatedToView, viewToScorable, type OpportunityView } from "./view";

/**
 * An opportunity reference is a curated key ("healthcare.imaging-triage") or the id of one of
 * the workspace's own opportunities. Resolution is always within one workspace: another
 * workspace's id resolves to NOT_FOUND, exactly like an id that does not exist.
 */
async function findOpportunity(db: DbTx, { workspaceId, ref }: { workspaceId: string; ref: string }): Promise<OpportunityView | null> {
  const curated = (await loadCurated(db)).byKey.get(ref);
  if (curated) return curatedToView(curated);
  return findCustom(db, { workspaceId, id: ref });
}

export async function getOpportunity(db: DbTx, args: { workspaceId: string; ref: string }): Promise<OpportunityView> {
  return found(await findOpportunity(db, args), "Opportunity");
}

/** For idea reports and scorecards (server/ideas/evaluation.ts): the workspace's own opportunities among `refs`, scorable, by ref. */
export async function resolveCustomOpportunities(db: DbTx, { workspaceId, refs }: { workspaceId: string; refs: readonly string[] }) {
  const customs = await findCustoms(db, { workspaceId, ids: refs });
  return new Map([...customs].map(([ref, custom]) => [ref, { ref, title: custom.title, scorable: viewToScorable(custom) }] as const));
}
