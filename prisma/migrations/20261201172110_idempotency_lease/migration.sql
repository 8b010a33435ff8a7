-- AlterTable
ALTER TABLE "IdempotencyRecord" ADD COLUMN "leaseExpiresAt" DATETIME;
ALTER TABLE "IdempotencyRecord" ADD COLUMN "leaseToken" TEXT;
