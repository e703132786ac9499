import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

const MIGRATIONS = path.resolve(import.meta.dirname, "../../prisma/migrations");

/** The SQL of each migration in prisma/migrations, oldest first. */
export function migrationScripts(): string[] {
  return fs
    .readdirSync(MIGRATIONS)
    .filter((d) => /^\d{14}_/.test(d))
    .sort()
    .map((d) => fs.readFileSync(path.join(MIGRATIONS, d, "migration.sql"), "utf8"));
}

/** Applies prisma/migrations in order to a SQLite file, as `prisma migrate deploy` would. */
export function applyMigrations(databasePath: string): void {
  const db = new Database(databasePath);
  try {
    for (const sql of migrationScripts()) db.exec(sql);
  } finally {
    db.close();
  }
}
