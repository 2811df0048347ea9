-- CreateEnum
CREATE TYPE "AssessmentRaterKind" AS ENUM ('MEMBER', 'LINK');

-- CreateTable
CREATE TABLE "AssessmentRater" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "kind" "AssessmentRaterKind" NOT NULL,
    "label" TEXT NOT NULL,
    "raterUserId" TEXT,
    "tokenHash" TEXT,
    "instrumentVersion" INTEGER NOT NULL,
    "answers" JSONB,
    "scores" JSONB,
    "showName" BOOLEAN NOT NULL DEFAULT false,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "submittedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssessmentRater_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentRater_tokenHash_key" ON "AssessmentRater"("tokenHash");

-- CreateIndex
CREATE INDEX "AssessmentRater_workspaceId_subjectId_idx" ON "AssessmentRater"("workspaceId", "subjectId");

-- CreateIndex
CREATE INDEX "AssessmentRater_workspaceId_raterUserId_idx" ON "AssessmentRater"("workspaceId", "raterUserId");

-- AddForeignKey
ALTER TABLE "AssessmentRater" ADD CONSTRAINT "AssessmentRater_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentRater" ADD CONSTRAINT "AssessmentRater_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentRater" ADD CONSTRAINT "AssessmentRater_raterUserId_fkey" FOREIGN KEY ("raterUserId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

