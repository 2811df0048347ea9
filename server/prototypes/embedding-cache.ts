import type { DbTx } from "@/server/db";

/**
 * Drops a workspace's cached embeddings of content that no image in the workspace has any
 * more (called after image rows are deleted). An upload of the same content racing with this
 * only costs one extraction again.
 */
export async function pruneEmbeddingCache(db: DbTx, args: { workspaceId: string; contentHashes: string[] }) {
  if (args.contentHashes.length === 0) return;
  const stillUsed = await db.prototypeImage.findMany({
    where: { workspaceId: args.workspaceId, contentHash: { in: args.contentHashes } },
    select: { contentHash: true },
    distinct: ["contentHash"],
  });
  const used = new Set(stillUsed.map((i) => i.contentHash));
  const gone = [...new Set(args.contentHashes)].filter((h) => !used.has(h));
  if (gone.length) await db.embeddingCache.deleteMany({ where: { workspaceId: args.workspaceId, contentHash: { in: gone } } });
}
