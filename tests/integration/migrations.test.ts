import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function prisma(args: string[], databasePath: string) {
  execFileSync(path.join(root, "node_modules/.bin/prisma"), args, {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `file:${databasePath}` },
    stdio: "pipe",
  });
}

/** Tables, columns and indexes of a SQLite file, in a form two files can be compared by. */
function structure(databasePath: string) {
  const db = new Database(databasePath, { readonly: true });
  try {
    const objects = db
      .prepare(
        "SELECT type, name, tbl_name AS tbl, sql FROM sqlite_master WHERE name NOT LIKE '_prisma_migrations%' AND name NOT LIKE 'sqlite_autoindex__prisma%' ORDER BY type, name",
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
      const pushed = path.join(dir, "pushed.db");
      prisma(["migrate", "deploy"], migrated);
      prisma(["db", "push", "--skip-generate"], pushed);

      const fromMigrations = structure(migrated);
      expect(fromMigrations.some((o) => o.type === "table" && o.name === "Intake")).toBe(true);
      expect(fromMigrations).toEqual(structure(pushed));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
