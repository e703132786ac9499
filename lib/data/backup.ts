import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/**
 * Backups of the SQLite database, and restoring one (PostgreSQL's are pg_dump's business: see the
 * README). A backup is SQLite's online backup API through better-sqlite3, which copies a
 * consistent snapshot page by page while the server goes on writing; the copy is then checked
 * with `PRAGMA integrity_check` before it takes its place among the last N.
 */

const BACKUP_NAME = /^intake-\d{8}-\d{6}(-\d+)?\.db$/;

export type Backup = { file: string; bytes: number; removed: string[] };

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
}

/** "ok", or what SQLite says is wrong with a database file (not a database, damaged, not ours). */
export function checkDatabaseFile(file: string): "ok" | string {
  if (!fs.existsSync(file)) return "no such file";
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.prepare("PRAGMA integrity_check").all() as { integrity_check: string }[];
    const problems = rows.map((r) => r.integrity_check).filter((r) => r !== "ok");
    if (problems.length > 0) return `integrity_check: ${problems.slice(0, 3).join("; ")}`;
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('Intake', 'AuditEvent')`).all();
    if (tables.length < 2) return "not this app's database (no Intake or AuditEvent table)";
    return "ok";
  } catch (error) {
    return error instanceof Error && "code" in error ? String((error as { code: unknown }).code) : "not a SQLite database";
  } finally {
    db?.close();
  }
}

/**
 * Writes a consistent copy of the live database into `folder` (made readable by its owner only),
 * checks it, and keeps the newest `keep` backups there. A copy that fails its check is removed and
 * the error thrown: a backup that cannot be restored is worse than none, because it is trusted.
 */
export async function backupDatabase(databasePath: string, folder: string, keep: number, now = new Date()): Promise<Backup> {
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  let name = `intake-${stamp(now)}.db`;
  for (let n = 1; fs.existsSync(path.join(folder, name)); n++) name = `intake-${stamp(now)}-${n}.db`;
  const file = path.join(folder, name);
  const partial = `${file}.partial`;
  // Made owner-only before a byte is written into it; removed if anything below fails.
  fs.writeFileSync(partial, "", { flag: "wx", mode: 0o600 });
  try {
    const source = new Database(databasePath, { readonly: true, fileMustExist: true });
    try {
      await source.backup(partial);
    } finally {
      source.close();
    }
    // A copy is one file: out of WAL mode (which the live database is in), so opening it leaves no
    // -wal or -shm beside it. The server puts a restored copy back into WAL when it connects.
    const copy = new Database(partial);
    try {
      copy.pragma("journal_mode = DELETE");
    } finally {
      copy.close();
    }
    const check = checkDatabaseFile(partial);
    if (check !== "ok") throw new Error(`The backup failed its check (${check}).`);
  } catch (error) {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(partial + suffix, { force: true });
    throw error;
  }
  fs.renameSync(partial, file);
  const backups = fs
    .readdirSync(folder)
    .filter((f) => BACKUP_NAME.test(f))
    .sort();
  const removed = backups.slice(0, Math.max(0, backups.length - keep));
  for (const old of removed) fs.rmSync(path.join(folder, old), { force: true });
  return { file, bytes: fs.statSync(file).size, removed };
}

/** A file beside the database saying which process serves it, while it runs (restore checks it). */
const serverMark = (databasePath: string) => `${databasePath}.server-pid`;

/** Called by the server at start-up (SQLite only); the mark goes when the process ends. */
export function markServerRunning(databasePath: string): void {
  const mark = serverMark(databasePath);
  fs.writeFileSync(mark, String(process.pid), { mode: 0o600 });
  process.once("exit", () => {
    try {
      if (fs.readFileSync(mark, "utf8") === String(process.pid)) fs.rmSync(mark);
    } catch {
      // Already gone.
    }
  });
}

/** The process serving the database, if one is running. */
export function runningServerOf(databasePath: string): number | null {
  try {
    const pid = Number(fs.readFileSync(serverMark(databasePath), "utf8"));
    if (!Number.isInteger(pid) || pid <= 0) return null;
    process.kill(pid, 0);
    return pid;
  } catch {
    // No mark, or its process has gone (a crash leaves the mark behind).
    return null;
  }
}

export type Restore = { replacedAside: string | null };

/**
 * Puts a backup in place of the database. Refused while a server runs on it, or when the file
 * fails its check. The database it replaces (with its WAL files) is kept aside, renamed, not
 * deleted.
 */
export function restoreDatabase(file: string, databasePath: string, now = new Date()): Restore {
  if (path.resolve(file) === path.resolve(databasePath)) throw new Error("That file is the live database itself: name a backup.");
  const running = runningServerOf(databasePath);
  if (running !== null) throw new Error(`A server (process ${running}) is running on this database: stop it first.`);
  const check = checkDatabaseFile(file);
  if (check !== "ok") throw new Error(`The file cannot be restored: ${check}.`);
  fs.mkdirSync(path.dirname(databasePath), { recursive: true, mode: 0o700 });
  // The copy is made beside the database first: a full disk fails here, with the database untouched.
  const incoming = `${databasePath}.restoring`;
  fs.rmSync(incoming, { force: true });
  fs.writeFileSync(incoming, "", { flag: "wx", mode: 0o600 });
  try {
    fs.copyFileSync(file, incoming);
    const handle = fs.openSync(incoming, "r+");
    fs.fsyncSync(handle);
    fs.closeSync(handle);
  } catch (error) {
    fs.rmSync(incoming, { force: true });
    throw error;
  }
  let replacedAside: string | null = null;
  const moved: string[] = [];
  try {
    if (fs.existsSync(databasePath)) {
      replacedAside = `${databasePath}.replaced-${stamp(now)}`;
      for (const suffix of ["", "-wal", "-shm"]) {
        if (fs.existsSync(databasePath + suffix)) {
          fs.renameSync(databasePath + suffix, replacedAside + suffix);
          moved.push(suffix);
        }
      }
    }
    fs.renameSync(incoming, databasePath);
  } catch (error) {
    // Put back what was moved: the database as it was, rather than none.
    for (const suffix of moved) fs.renameSync(replacedAside! + suffix, databasePath + suffix);
    fs.rmSync(incoming, { force: true });
    throw error;
  }
  return { replacedAside };
}

/** Modes wider than owner-only on the data folder or database file, in words; empty when fine. */
export function loosePermissions(databasePath: string): string[] {
  const loose: string[] = [];
  for (const [what, target, wanted] of [
    ["data folder", path.dirname(databasePath), 0o700],
    ["database file", databasePath, 0o600],
  ] as const) {
    try {
      const mode = fs.statSync(target).mode & 0o777;
      if (mode & 0o077) loose.push(`${what} is ${mode.toString(8)}, should be ${wanted.toString(8)}`);
    } catch {
      // Not there yet.
    }
  }
  return loose;
}
