-- AlterTable
ALTER TABLE "TrainingRun" ADD COLUMN     "embeddingEngine" TEXT;

