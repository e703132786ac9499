-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "appointmentId" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Appointment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clientId" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "localDate" TEXT NOT NULL,
    "linkHash" TEXT NOT NULL,
    "linkSeed" TEXT NOT NULL DEFAULT '',
    "linkExpiresAt" DATETIME NOT NULL,
    "openedAt" DATETIME,
    "reminderClaimedAt" DATETIME,
    "dobFailures" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Appointment_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Appointment_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Appointment" ("clientId", "createdAt", "createdById", "id", "linkExpiresAt", "linkHash", "localDate", "openedAt", "reminderClaimedAt", "startsAt") SELECT "clientId", "createdAt", "createdById", "id", "linkExpiresAt", "linkHash", "localDate", "openedAt", "reminderClaimedAt", "startsAt" FROM "Appointment";
DROP TABLE "Appointment";
ALTER TABLE "new_Appointment" RENAME TO "Appointment";
CREATE UNIQUE INDEX "Appointment_linkHash_key" ON "Appointment"("linkHash");
CREATE INDEX "Appointment_startsAt_idx" ON "Appointment"("startsAt");
CREATE INDEX "Appointment_clientId_startsAt_idx" ON "Appointment"("clientId", "startsAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AuditEvent_action_ipAddress_at_idx" ON "AuditEvent"("action", "ipAddress", "at");

