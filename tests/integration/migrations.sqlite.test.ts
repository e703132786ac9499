import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { triggersDefinedBy, triggersToRestore } from "@/prisma/hand-written-triggers";
import { migrationScripts } from "../helpers/migrations";

const root = path.resolve(import.meta.dirname, "../..");

function prisma(args: string[], databasePath: string): string {
  return execFileSync(path.join(root, "node_modules/.bin/prisma"), args, {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `file:${databasePath}` },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Tables, columns and indexes of a SQLite file, in a form two files can be compared by. */
function structure(databasePath: string) {
  const db = new Database(databasePath, { readonly: true });
  try {
    const objects = db
      .prepare(
        // Triggers and the name search index (an FTS5 table and its own tables) are written by hand
        // into migrations: schema.prisma cannot express them. They are checked below.
        "SELECT type, name, tbl_name AS tbl, sql FROM sqlite_master WHERE type <> 'trigger' AND name NOT LIKE 'IntakeNameSearch%' AND name NOT LIKE '_prisma_migrations%' AND name NOT LIKE 'sqlite_autoindex__prisma%' ORDER BY type, name",
      )
      .all() as { type: string; name: string; tbl: string; sql: string | null }[];
    // Spacing aside: a column added by ALTER TABLE is spliced into the stored CREATE TABLE text.
    const spacing = (sql: string) => sql.replace(/\s+/g, " ").replace(/ ?([,()]) ?/g, "$1").trim();
    return objects.map((o) => ({ ...o, sql: o.sql === null ? null : spacing(o.sql) }));
  } finally {
    db.close();
  }
}

describe("prisma/migrations", () => {
  it("build exactly the database that schema.prisma describes", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-migrations-"));
    try {
      const migrated = path.join(dir, "migrated.db");
      const fromSchema = path.join(dir, "from-schema.db");
      prisma(["migrate", "deploy"], migrated);
      // What schema.prisma alone describes. (`prisma db push` would do the same, but with the
      // WebAssembly engine it does not exit once the schema has foreign keys.)
      const sql = prisma(["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/sqlite/schema.prisma", "--script"], fromSchema);
      const db = new Database(fromSchema);
      db.exec(sql);
      db.close();

      const fromMigrations = structure(migrated);
      expect(fromMigrations.some((o) => o.type === "table" && o.name === "Intake")).toBe(true);
      expect(fromMigrations).toEqual(structure(fromSchema));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("make the audit trail append-only", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-migrations-"));
    try {
      const file = path.join(dir, "audit.db");
      prisma(["migrate", "deploy"], file);
      const db = new Database(file);
      db.prepare("INSERT INTO AuditEvent (action) VALUES ('sign_in')").run();
      expect(() => db.prepare("UPDATE AuditEvent SET action = 'intake_view'").run()).toThrow(/append-only/);
      expect(() => db.prepare("DELETE FROM AuditEvent").run()).toThrow(/append-only/);
      expect((db.prepare("SELECT action FROM AuditEvent").all() as { action: string }[]).map((r) => r.action)).toEqual(["sign_in"]);
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("leave every hand-written trigger in place", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-migrations-"));
    try {
      const file = path.join(dir, "triggers.db");
      prisma(["migrate", "deploy"], file);
      const db = new Database(file, { readonly: true });
      const present = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
      db.close();
      const written = [...triggersDefinedBy(migrationScripts()).keys()].sort();
      expect(written).toEqual(expect.arrayContaining(["AuditEvent_no_delete", "Intake_name_search_insert"]));
      expect(present).toEqual(written);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("get their triggers back when a later migration rebuilds a table (npm run db:migration)", () => {
    const earlier = migrationScripts();
    const db = new Database(":memory:");
    for (const sql of earlier) db.exec(sql);
    // What Prisma writes for a change SQLite cannot make in place, such as a column's type.
    const table = (db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'Intake'`).get() as { sql: string }).sql;
    const rebuild = `PRAGMA foreign_keys=OFF;
${table.replace('"Intake"', '"new_Intake"')};
INSERT INTO "new_Intake" SELECT * FROM "Intake";
DROP TABLE "Intake";
ALTER TABLE "new_Intake" RENAME TO "Intake";
PRAGMA foreign_keys=ON;`;
    const restore = triggersToRestore(earlier, rebuild);
    expect(restore).toContain('CREATE TRIGGER "Intake_name_search_insert"');
    expect(restore).not.toContain("AuditEvent_no_update");
    expect(triggersToRestore(earlier, 'CREATE INDEX "x" ON "Intake"("email");')).toBe("");

    db.exec(rebuild + restore);
    db.prepare(`INSERT INTO "Intake" ("id", "reference", "idempotencyKey", "status", "fullName", "fullNameSearch", "email",
      "appointmentDate", "dateOfBirth", "schemaVersion", "answers", "createdAt", "updatedAt")
      VALUES ('i1', 'R1', 'k1', 'new', 'Zelda Quinnell', 'zelda quinnell', 'z@example.com', '2030-01-01', '1950-01-01', 1, '{}', 0, 0)`).run();
    expect(db.prepare(`SELECT "intakeId" FROM "IntakeNameSearch" WHERE "IntakeNameSearch" MATCH '"quinn"'`).all()).toEqual([{ intakeId: "i1" }]);
    expect([...triggersDefinedBy([...earlier, rebuild + restore]).keys()].sort()).toEqual([...triggersDefinedBy(earlier).keys()].sort());
    db.close();
  });
});
