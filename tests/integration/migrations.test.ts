import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

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
        // Triggers are written by hand into migrations (schema.prisma cannot express them).
        "SELECT type, name, tbl_name AS tbl, sql FROM sqlite_master WHERE type <> 'trigger' AND name NOT LIKE '_prisma_migrations%' AND name NOT LIKE 'sqlite_autoindex__prisma%' ORDER BY type, name",
      )
      .all() as { type: string; name: string; tbl: string; sql: string | null }[];
    return objects.map((o) => ({ ...o, sql: o.sql?.replace(/\s+/g, " ").trim() ?? null }));
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
      const sql = prisma(["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"], fromSchema);
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
});
