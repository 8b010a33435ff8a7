-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "tokens" REAL NOT NULL,
    "granted" BOOLEAN NOT NULL,
    "refilledAt" REAL NOT NULL
);

-- CreateIndex
CREATE INDEX "RateLimitBucket_refilledAt_idx" ON "RateLimitBucket"("refilledAt");
