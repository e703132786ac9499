/**
 * Backups of the SQLite database:
 *
 *   npm run db:backup
 *       a consistent copy of the live database (safe while the server writes), checked with
 *       integrity_check, into BACKUP_DIR (or data/backups); the newest BACKUP_KEEP are kept.
 *   npm run db:restore -- FILE
 *       puts a backup in place of the database: refused while the server runs on it or when the
 *       file fails its check; the database it replaces is kept aside, renamed.
 *
 * On PostgreSQL both say to use pg_dump and pg_restore (README, "Backups") and stop.
 */
import "./load-env";
import path from "node:path";
import { backupDatabase, restoreDatabase } from "@/lib/data/backup";
import { getEnv } from "@/lib/env";

const [command, file] = process.argv.slice(2);
const env = getEnv();

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

if (env.database.kind !== "sqlite") {
  fail(
    "On PostgreSQL, backups are the database's own: use pg_dump (and pg_restore), or your provider's point-in-time recovery. See the README, \"Backups\".",
  );
}
const databasePath = env.database.path;

try {
  if (command === "backup") {
    const folder = path.resolve(env.BACKUP_DIR ?? "data/backups");
    const backup = await backupDatabase(databasePath, folder, env.BACKUP_KEEP);
    console.log(`Backed up to ${path.relative(process.cwd(), backup.file) || backup.file} (${backup.bytes.toLocaleString("en")} bytes, integrity_check ok).`);
    if (backup.removed.length > 0) console.log(`Removed ${backup.removed.length} older backup(s), keeping ${env.BACKUP_KEEP}.`);
  } else if (command === "restore") {
    if (!file) fail("Name the backup to restore: npm run db:restore -- data/backups/intake-YYYYMMDD-HHMMSS.db");
    const restored = restoreDatabase(path.resolve(file), databasePath);
    console.log(`Restored ${file}.`);
    if (restored.replacedAside) console.log(`The database it replaced is kept as ${path.relative(process.cwd(), restored.replacedAside)}.`);
  } else {
    fail("Use: lib/cli/backup.ts backup | restore FILE");
  }
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
