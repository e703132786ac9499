import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

const MIGRATIONS = path.resolve(import.meta.dirname, "../../prisma/migrations");

/** Applies prisma/migrations in order to a SQLite file, as `prisma migrate deploy` would. */
export function applyMigrations(databasePath: string): void {
  const db = new Database(databasePath);
  try {
    for (const dir of fs.readdirSync(MIGRATIONS).filter((d) => /^\d{14}_/.test(d)).sort()) {
      db.exec(fs.readFileSync(path.join(MIGRATIONS, dir, "migration.sql"), "utf8"));
    }
  } finally {
    db.close();
  }
}
