-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "clientId" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "role" TEXT NOT NULL DEFAULT 'therapist';


-- The oldest account of an existing clinic becomes its owner, so an upgraded clinic has one.
UPDATE "User" SET "role" = 'owner' WHERE "id" = (SELECT "id" FROM "User" WHERE "disabled" = false ORDER BY "createdAt", "id" LIMIT 1);
