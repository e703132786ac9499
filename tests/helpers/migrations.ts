import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

const MIGRATIONS = path.resolve(import.meta.dirname, "../../prisma/sqlite/migrations");

/** Which migrations: all, those before the one whose name ends with `before`, or it and those after. */
export type MigrationRange = { before?: string; from?: string };

/** The SQL of each migration in prisma/migrations, oldest first. */
export function migrationScripts(range: MigrationRange = {}): string[] {
  const names = fs
    .readdirSync(MIGRATIONS)
    .filter((d) => /^\d{14}_/.test(d))
    .sort();
  const at = (suffix: string) => {
    const i = names.findIndex((d) => d.endsWith(`_${suffix}`));
    if (i < 0) throw new Error(`No migration named ${suffix}`);
    return i;
  };
  const start = range.from ? at(range.from) : 0;
  const end = range.before ? at(range.before) : names.length;
  return names.slice(start, end).map((d) => fs.readFileSync(path.join(MIGRATIONS, d, "migration.sql"), "utf8"));
}

/**
 * Applies prisma/migrations in order to a SQLite file, as `prisma migrate deploy` would; a range
 * builds a database as an earlier release left it, then brings it up to date.
 */
export function applyMigrations(databasePath: string, range: MigrationRange = {}): void {
  const db = new Database(databasePath);
  try {
    for (const sql of migrationScripts(range)) db.exec(sql);
  } finally {
    db.close();
  }
}
