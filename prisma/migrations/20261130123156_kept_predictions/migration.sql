-- CreateEnum
CREATE TYPE "KeptStatus" AS ENUM ('PENDING', 'CONFIRMED', 'CORRECTED', 'NONE_OF_THESE', 'DISCARDED');

-- AlterTable
ALTER TABLE "Prototype" ADD COLUMN     "keepPredictions" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "PrototypeImage" ADD COLUMN     "fieldSource" TEXT;

-- CreateTable
CREATE TABLE "KeptPrediction" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "prototypeId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "runVersion" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "storagePath" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "predictedLabel" TEXT NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "margin" DOUBLE PRECISION NOT NULL,
    "outOfDistribution" BOOLEAN,
    "sampled" BOOLEAN NOT NULL DEFAULT false,
    "status" "KeptStatus" NOT NULL DEFAULT 'PENDING',
    "reviewedLabel" TEXT,
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "imageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KeptPrediction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "KeptPrediction_workspaceId_prototypeId_status_createdAt_idx" ON "KeptPrediction"("workspaceId", "prototypeId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "KeptPrediction_workspaceId_createdAt_idx" ON "KeptPrediction"("workspaceId", "createdAt");

-- AddForeignKey
ALTER TABLE "KeptPrediction" ADD CONSTRAINT "KeptPrediction_prototypeId_fkey" FOREIGN KEY ("prototypeId") REFERENCES "Prototype"("id") ON DELETE CASCADE ON UPDATE CASCADE;

