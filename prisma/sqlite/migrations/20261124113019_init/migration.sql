-- CreateTable
CREATE TABLE "Intake" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reference" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'new',
    "fullName" TEXT NOT NULL,
    "fullNameSearch" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "appointmentDate" TEXT NOT NULL,
    "dateOfBirth" TEXT NOT NULL,
    "schemaVersion" INTEGER NOT NULL,
    "answers" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Intake_reference_key" ON "Intake"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "Intake_idempotencyKey_key" ON "Intake"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Intake_appointmentDate_id_idx" ON "Intake"("appointmentDate", "id");

-- CreateIndex
CREATE INDEX "Intake_status_appointmentDate_id_idx" ON "Intake"("status", "appointmentDate", "id");

-- CreateIndex
CREATE INDEX "Intake_createdAt_idx" ON "Intake"("createdAt");

-- CreateIndex
CREATE INDEX "Intake_fullNameSearch_idx" ON "Intake"("fullNameSearch");

