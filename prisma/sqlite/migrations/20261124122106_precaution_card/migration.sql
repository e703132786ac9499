-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Intake" (
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
    "stopCount" INTEGER NOT NULL DEFAULT 0,
    "referCount" INTEGER NOT NULL DEFAULT 0,
    "avoidCount" INTEGER NOT NULL DEFAULT 0,
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "precautionsVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Intake" ("answers", "appointmentDate", "createdAt", "dateOfBirth", "email", "fullName", "fullNameSearch", "id", "idempotencyKey", "reference", "schemaVersion", "status", "updatedAt") SELECT "answers", "appointmentDate", "createdAt", "dateOfBirth", "email", "fullName", "fullNameSearch", "id", "idempotencyKey", "reference", "schemaVersion", "status", "updatedAt" FROM "Intake";
DROP TABLE "Intake";
ALTER TABLE "new_Intake" RENAME TO "Intake";
CREATE UNIQUE INDEX "Intake_reference_key" ON "Intake"("reference");
CREATE UNIQUE INDEX "Intake_idempotencyKey_key" ON "Intake"("idempotencyKey");
CREATE INDEX "Intake_appointmentDate_id_idx" ON "Intake"("appointmentDate", "id");
CREATE INDEX "Intake_status_appointmentDate_id_idx" ON "Intake"("status", "appointmentDate", "id");
CREATE INDEX "Intake_createdAt_idx" ON "Intake"("createdAt");
CREATE INDEX "Intake_fullNameSearch_idx" ON "Intake"("fullNameSearch");
CREATE INDEX "Intake_flagged_appointmentDate_id_idx" ON "Intake"("flagged", "appointmentDate", "id");
CREATE TABLE "new_Review" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "intakeId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "acknowledged" JSONB NOT NULL DEFAULT [],
    "precautionsVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Review_intakeId_fkey" FOREIGN KEY ("intakeId") REFERENCES "Intake" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Review_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Review" ("createdAt", "id", "intakeId", "note", "reviewerId") SELECT "createdAt", "id", "intakeId", "note", "reviewerId" FROM "Review";
DROP TABLE "Review";
ALTER TABLE "new_Review" RENAME TO "Review";
CREATE UNIQUE INDEX "Review_intakeId_key" ON "Review"("intakeId");
CREATE INDEX "Review_reviewerId_idx" ON "Review"("reviewerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

