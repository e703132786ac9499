-- CreateTable
CREATE TABLE "Client" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fullName" TEXT NOT NULL,
    "fullNameSearch" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Appointment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clientId" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "localDate" TEXT NOT NULL,
    "linkHash" TEXT NOT NULL,
    "linkExpiresAt" DATETIME NOT NULL,
    "openedAt" DATETIME,
    "reminderClaimedAt" DATETIME,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Appointment_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Appointment_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IntakeDraft" (
    "appointmentId" TEXT NOT NULL PRIMARY KEY,
    "step" TEXT NOT NULL,
    "answers" JSONB NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "IntakeDraft_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "Appointment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

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
    "updatedAt" DATETIME NOT NULL,
    "clientId" TEXT,
    "appointmentId" TEXT,
    CONSTRAINT "Intake_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Intake_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "Appointment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Intake" ("answers", "appointmentDate", "avoidCount", "createdAt", "dateOfBirth", "email", "flagged", "fullName", "fullNameSearch", "id", "idempotencyKey", "precautionsVersion", "referCount", "reference", "rulesChanged", "schemaVersion", "status", "stopCount", "updatedAt") SELECT "answers", "appointmentDate", "avoidCount", "createdAt", "dateOfBirth", "email", "flagged", "fullName", "fullNameSearch", "id", "idempotencyKey", "precautionsVersion", "referCount", "reference", "rulesChanged", "schemaVersion", "status", "stopCount", "updatedAt" FROM "Intake";
DROP TABLE "Intake";
ALTER TABLE "new_Intake" RENAME TO "Intake";
CREATE UNIQUE INDEX "Intake_reference_key" ON "Intake"("reference");
CREATE UNIQUE INDEX "Intake_idempotencyKey_key" ON "Intake"("idempotencyKey");
CREATE UNIQUE INDEX "Intake_appointmentId_key" ON "Intake"("appointmentId");
CREATE INDEX "Intake_appointmentDate_id_idx" ON "Intake"("appointmentDate", "id");
CREATE INDEX "Intake_status_appointmentDate_id_idx" ON "Intake"("status", "appointmentDate", "id");
CREATE INDEX "Intake_createdAt_idx" ON "Intake"("createdAt");
CREATE INDEX "Intake_flagged_appointmentDate_id_idx" ON "Intake"("flagged", "appointmentDate", "id");
CREATE INDEX "Intake_precautionsVersion_idx" ON "Intake"("precautionsVersion");
CREATE INDEX "Intake_clientId_createdAt_idx" ON "Intake"("clientId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Client_email_idx" ON "Client"("email");

-- CreateIndex
CREATE INDEX "Client_fullNameSearch_idx" ON "Client"("fullNameSearch");

-- CreateIndex
CREATE UNIQUE INDEX "Appointment_linkHash_key" ON "Appointment"("linkHash");

-- CreateIndex
CREATE INDEX "Appointment_startsAt_idx" ON "Appointment"("startsAt");

-- CreateIndex
CREATE INDEX "Appointment_clientId_startsAt_idx" ON "Appointment"("clientId", "startsAt");


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
