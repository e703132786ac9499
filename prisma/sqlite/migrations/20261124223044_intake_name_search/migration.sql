-- DropIndex
DROP INDEX "Intake_fullNameSearch_idx";


-- Written by hand: a trigram index on client names, so a search for any part of a name reads the
-- index instead of every intake (a B-tree index cannot serve LIKE '%part%'). schema.prisma cannot
-- express an FTS5 table; lib/data/intakes.ts queries it with $queryRaw. Its rows are kept by the
-- triggers below, whatever writes to Intake.
CREATE VIRTUAL TABLE "IntakeNameSearch" USING fts5("intakeId" UNINDEXED, "name", tokenize = 'trigram');

INSERT INTO "IntakeNameSearch" ("intakeId", "name") SELECT "id", "fullNameSearch" FROM "Intake";

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
