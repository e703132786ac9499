/**
 * Backups of the SQLite database (lib/data/backup.ts) on a real file: a checked copy, the newest N
 * kept, damaged or foreign files refused, restore refused while a server runs and keeping the
 * database it replaces, and the owner-only modes of the data folder.
 */
import { randomUUID } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { backupDatabase, checkDatabaseFile, loosePermissions, markServerRunning, restoreDatabase, runningServerOf } from "@/lib/data/backup";
import { createIntake } from "@/lib/data/intakes";
import { intakeSchema } from "@/lib/intake/schema";
import { validIntake } from "../helpers/intake-fixtures";
import { testDatabaseUrl } from "../helpers/test-database";
import { applyMigrations } from "../helpers/migrations";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "intake-backup-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
const count = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM "Intake"`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe("a backup", () => {
  it("is a checked copy of the live database, readable by its owner only; the newest N are kept", async () => {
    for (let i = 0; i < 3; i++) await createIntake(intakeSchema.parse(validIntake({ fullName: `Backup Person ${i}`, signature: `Backup Person ${i}` })), randomUUID());
    const folder = path.join(work, "backups");
    const first = await backupDatabase(testDatabaseUrl, folder, 2, new Date("2026-12-01T01:00:00Z"));
    expect(path.basename(first.file)).toBe("intake-20261201-010000.db");
    expect(checkDatabaseFile(first.file)).toBe("ok");
    expect(count(first.file)).toBe(count(testDatabaseUrl));
    expect(fs.statSync(first.file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(folder).mode & 0o777).toBe(0o700);

    await backupDatabase(testDatabaseUrl, folder, 2, new Date("2026-12-02T01:00:00Z"));
    const third = await backupDatabase(testDatabaseUrl, folder, 2, new Date("2026-12-03T01:00:00Z"));
    expect(third.removed).toEqual(["intake-20261201-010000.db"]);
    expect(fs.readdirSync(folder).sort()).toEqual(["intake-20261202-010000.db", "intake-20261203-010000.db"]);
  });

  it("refuses a damaged file, and a database that is not this app's", () => {
    const good = path.join(work, "good.db");
    applyMigrations(good);
    expect(checkDatabaseFile(good)).toBe("ok");
    const damaged = path.join(work, "damaged.db");
    const bytes = fs.readFileSync(good);
    bytes.fill(0x5a, 4096, 12_288);
    fs.writeFileSync(damaged, bytes);
    expect(checkDatabaseFile(damaged)).not.toBe("ok");
    const foreign = path.join(work, "foreign.db");
    new Database(foreign).exec("CREATE TABLE t (x)").close();
    expect(checkDatabaseFile(foreign)).toMatch(/not this app's database/);
    fs.writeFileSync(path.join(work, "text.db"), "not a database at all, just some text ".repeat(200));
    expect(checkDatabaseFile(path.join(work, "text.db"))).not.toBe("ok");
    expect(checkDatabaseFile(path.join(work, "missing.db"))).toBe("no such file");
  });

  it("is restored only when no server runs on the database, and the replaced one is kept aside", async () => {
    const backup = await backupDatabase(testDatabaseUrl, path.join(work, "for-restore"), 5);
    const target = path.join(work, "live", "intake.db");
    fs.mkdirSync(path.dirname(target));
    applyMigrations(target);
    markServerRunning(target);
    expect(runningServerOf(target)).toBe(process.pid);
    expect(() => restoreDatabase(backup.file, target)).toThrow(/running on this database/);
    fs.rmSync(`${target}.server-pid`);
    // A mark left by a server that crashed does not stop a restore.
    const dead = execFileSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).toString();
    fs.writeFileSync(`${target}.server-pid`, dead);
    expect(runningServerOf(target)).toBeNull();

    expect(() => restoreDatabase(path.join(work, "text.db"), target)).toThrow(/cannot be restored/);
    const restored = restoreDatabase(backup.file, target, new Date("2026-12-04T10:00:00Z"));
    expect(restored.replacedAside).toBe(`${target}.replaced-20261204-100000`);
    expect(fs.existsSync(restored.replacedAside!)).toBe(true);
    expect(count(target)).toBe(count(backup.file));
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
  });

  it("names a data folder or database file others can read", () => {
    const folder = path.join(work, "loose");
    fs.mkdirSync(folder, { mode: 0o755 });
    fs.chmodSync(folder, 0o755);
    const file = path.join(folder, "intake.db");
    fs.writeFileSync(file, "", { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    expect(loosePermissions(file)).toEqual(["data folder is 755, should be 700", "database file is 644, should be 600"]);
    fs.chmodSync(folder, 0o700);
    fs.chmodSync(file, 0o600);
    expect(loosePermissions(file)).toEqual([]);
  });
});
