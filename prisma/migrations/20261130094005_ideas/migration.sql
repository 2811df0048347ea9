-- CreateEnum
CREATE TYPE "AssumptionKind" AS ENUM ('desirability', 'feasibility', 'viability', 'team');

-- CreateEnum
CREATE TYPE "AssumptionImportance" AS ENUM ('critical', 'high', 'low');

-- CreateEnum
CREATE TYPE "EvidenceStrength" AS ENUM ('none', 'weak', 'moderate', 'strong');

-- CreateEnum
CREATE TYPE "ExperimentKind" AS ENUM ('prototype', 'interviews', 'landing_page', 'pre_orders', 'pilot');

-- CreateEnum
CREATE TYPE "PrototypeMetric" AS ENUM ('recall', 'precision', 'accuracy');

-- CreateTable
CREATE TABLE "IdeaAssumption" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "ideaId" TEXT NOT NULL,
    "kind" "AssumptionKind" NOT NULL,
    "statement" TEXT NOT NULL,
    "importance" "AssumptionImportance" NOT NULL,
    "evidence" "EvidenceStrength" NOT NULL DEFAULT 'none',
    "origin" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IdeaAssumption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdeaExperiment" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "ideaId" TEXT NOT NULL,
    "assumptionId" TEXT NOT NULL,
    "kind" "ExperimentKind" NOT NULL,
    "believe" TEXT NOT NULL DEFAULT '',
    "verify" TEXT NOT NULL DEFAULT '',
    "measure" TEXT NOT NULL DEFAULT '',
    "rightIf" TEXT NOT NULL DEFAULT '',
    "metric" TEXT NOT NULL DEFAULT '',
    "prototypeMetric" "PrototypeMetric",
    "targetClass" TEXT,
    "threshold" DOUBLE PRECISION NOT NULL,
    "minSamples" INTEGER,
    "deadline" TIMESTAMP(3),
    "prototypeId" TEXT,
    "runId" TEXT,
    "opportunityRef" TEXT,
    "resultValue" DOUBLE PRECISION,
    "resultNotes" TEXT NOT NULL DEFAULT '',
    "observed" TEXT NOT NULL DEFAULT '',
    "learned" TEXT NOT NULL DEFAULT '',
    "therefore" TEXT NOT NULL DEFAULT '',
    "resultAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IdeaExperiment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdeaEconomics" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "ideaId" TEXT NOT NULL,
    "unitLabel" TEXT NOT NULL DEFAULT '',
    "pricePerUnit" DOUBLE PRECISION NOT NULL,
    "unitsPerMonth" DOUBLE PRECISION NOT NULL,
    "otherCostPerUnit" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "predictionsPerUnit" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "machinePricePerHour" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "measuredLatencyMs" DOUBLE PRECISION,
    "measuredLatencyNote" TEXT NOT NULL DEFAULT '',
    "latencyMsOverride" DOUBLE PRECISION,
    "buildCost" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "sources" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IdeaEconomics_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdeaVerdictEvent" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "ideaId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "verdict" TEXT NOT NULL,
    "cause" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    "runKey" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdeaVerdictEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IdeaAssumption_workspaceId_ideaId_idx" ON "IdeaAssumption"("workspaceId", "ideaId");

-- CreateIndex
CREATE UNIQUE INDEX "IdeaAssumption_ideaId_origin_key" ON "IdeaAssumption"("ideaId", "origin");

-- CreateIndex
CREATE INDEX "IdeaExperiment_workspaceId_ideaId_idx" ON "IdeaExperiment"("workspaceId", "ideaId");

-- CreateIndex
CREATE INDEX "IdeaExperiment_prototypeId_idx" ON "IdeaExperiment"("prototypeId");

-- CreateIndex
CREATE UNIQUE INDEX "IdeaEconomics_ideaId_key" ON "IdeaEconomics"("ideaId");

-- CreateIndex
CREATE INDEX "IdeaVerdictEvent_workspaceId_ideaId_idx" ON "IdeaVerdictEvent"("workspaceId", "ideaId");

-- CreateIndex
CREATE UNIQUE INDEX "IdeaVerdictEvent_ideaId_seq_key" ON "IdeaVerdictEvent"("ideaId", "seq");

-- AddForeignKey
ALTER TABLE "IdeaAssumption" ADD CONSTRAINT "IdeaAssumption_ideaId_fkey" FOREIGN KEY ("ideaId") REFERENCES "Idea"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdeaExperiment" ADD CONSTRAINT "IdeaExperiment_ideaId_fkey" FOREIGN KEY ("ideaId") REFERENCES "Idea"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdeaExperiment" ADD CONSTRAINT "IdeaExperiment_assumptionId_fkey" FOREIGN KEY ("assumptionId") REFERENCES "IdeaAssumption"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdeaEconomics" ADD CONSTRAINT "IdeaEconomics_ideaId_fkey" FOREIGN KEY ("ideaId") REFERENCES "Idea"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdeaVerdictEvent" ADD CONSTRAINT "IdeaVerdictEvent_ideaId_fkey" FOREIGN KEY ("ideaId") REFERENCES "Idea"("id") ON DELETE CASCADE ON UPDATE CASCADE;

