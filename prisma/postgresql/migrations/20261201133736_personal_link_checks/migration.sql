-- AlterTable
ALTER TABLE "Appointment" ADD COLUMN     "dobFailures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "linkSeed" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "appointmentId" TEXT;

-- CreateIndex
CREATE INDEX "AuditEvent_action_ipAddress_at_idx" ON "AuditEvent"("action", "ipAddress", "at");

