-- AlterTable
ALTER TABLE "IdempotencyRecord" ADD COLUMN "submissionId" TEXT;
