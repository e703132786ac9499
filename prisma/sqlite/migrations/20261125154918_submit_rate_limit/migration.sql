-- CreateTable
CREATE TABLE "SubmitRateLimit" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL,
    "expire" DATETIME
);

-- CreateIndex
CREATE INDEX "SubmitRateLimit_expire_idx" ON "SubmitRateLimit"("expire");

