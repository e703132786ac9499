-- DropIndex
DROP INDEX "Review_intakeId_key";

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
    "rulesChanged" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Intake" ("answers", "appointmentDate", "avoidCount", "createdAt", "dateOfBirth", "email", "flagged", "fullName", "fullNameSearch", "id", "idempotencyKey", "precautionsVersion", "referCount", "reference", "schemaVersion", "status", "stopCount", "updatedAt") SELECT "answers", "appointmentDate", "avoidCount", "createdAt", "dateOfBirth", "email", "flagged", "fullName", "fullNameSearch", "id", "idempotencyKey", "precautionsVersion", "referCount", "reference", "schemaVersion", "status", "stopCount", "updatedAt" FROM "Intake";
DROP TABLE "Intake";
ALTER TABLE "new_Intake" RENAME TO "Intake";
CREATE UNIQUE INDEX "Intake_reference_key" ON "Intake"("reference");
CREATE UNIQUE INDEX "Intake_idempotencyKey_key" ON "Intake"("idempotencyKey");
CREATE INDEX "Intake_appointmentDate_id_idx" ON "Intake"("appointmentDate", "id");
CREATE INDEX "Intake_status_appointmentDate_id_idx" ON "Intake"("status", "appointmentDate", "id");
CREATE INDEX "Intake_createdAt_idx" ON "Intake"("createdAt");
CREATE INDEX "Intake_flagged_appointmentDate_id_idx" ON "Intake"("flagged", "appointmentDate", "id");
CREATE INDEX "Intake_precautionsVersion_idx" ON "Intake"("precautionsVersion");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Review_intakeId_createdAt_idx" ON "Review"("intakeId", "createdAt");


-- Written by new-migration.ts: rebuilding "Intake" dropped these
-- hand-written triggers; they are created again as the earlier migrations defined them.
CREATE TRIGGER "Intake_name_search_insert" AFTER INSERT ON "Intake"
BEGIN
    INSERT INTO "IntakeNameSearch" ("intakeId", "name") VALUES (NEW."id", NEW."fullNameSearch");
END;

CREATE TRIGGER "Intake_name_search_update" AFTER UPDATE OF "id", "fullNameSearch" ON "Intake"
BEGIN
    DELETE FROM "IntakeNameSearch" WHERE "intakeId" = OLD."id";
    INSERT INTO "IntakeNameSearch" ("intakeId", "name") VALUES (NEW."id", NEW."fullNameSearch");
END;

CREATE TRIGGER "Intake_name_search_delete" AFTER DELETE ON "Intake"
BEGIN
    DELETE FROM "IntakeNameSearch" WHERE "intakeId" = OLD."id";
END;
