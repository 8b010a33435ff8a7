-- AlterTable
ALTER TABLE "Submission" ADD COLUMN "seed" INTEGER;
