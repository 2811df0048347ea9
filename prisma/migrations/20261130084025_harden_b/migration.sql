-- The cache was shared by all workspaces; its rows cannot be told apart by workspace. It is only a
-- cache: the next run of each prototype extracts its embeddings again.
DELETE FROM "EmbeddingCache";

-- AlterTable
ALTER TABLE "EmbeddingCache" DROP CONSTRAINT "EmbeddingCache_pkey",
ADD COLUMN     "workspaceId" TEXT NOT NULL,
ADD CONSTRAINT "EmbeddingCache_pkey" PRIMARY KEY ("workspaceId", "contentHash", "backboneId");

-- AddForeignKey
ALTER TABLE "EmbeddingCache" ADD CONSTRAINT "EmbeddingCache_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

