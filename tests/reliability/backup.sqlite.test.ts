/**
 * A backup taken while intakes are arriving restores to a working server: `npm run db:backup`
 * (the real CLI) runs while 2,000 submissions come in; the copy is restored with
 * `npm run db:restore` into a fresh folder, a server starts on it, and every intake acknowledged
 * before the backup began is there; integrity_check is ok, and the counts the dashboard is built
 * on agree with the copy's.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { intakeBody } from "../helpers/intake-fixtures";
import { freshDatabase, runLoad, startServer, type Server } from "./harness";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const TOTAL = 2_000;
const servers: Server[] = [];
const work = fs.mkdtempSync(path.join(os.tmpdir(), "intake-backup-reliability-"));
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  fs.rmSync(work, { recursive: true, force: true });
});

/** Runs one of the npm scripts' CLIs on a database, as cron or a person would. */
const cli = (args: string[], databasePath: string) =>
  run(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "lib/cli/backup.ts", ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `file:${databasePath}`, BACKUP_DIR: path.join(work, "backups"), NODE_ENV: "production", BETTER_AUTH_SECRET: "backup-test-secret-backup-test-secret-0000" },
  });

function countsOf(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      integrity: (db.prepare("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check,
      references: new Set((db.prepare(`SELECT "reference" FROM "Intake"`).all() as { reference: string }[]).map((r) => r.reference)),
      // What the dashboard's list and filters count by.
      byStatus: db.prepare(`SELECT "status", count(*) AS n, sum("flagged") AS flagged FROM "Intake" GROUP BY "status" ORDER BY "status"`).all(),
    };
  } finally {
    db.close();
  }
}

describe("a backup under load", () => {
  it("holds every intake acknowledged before it began, and restores to a server that works", async () => {
    const databasePath = await freshDatabase("backup-live");
    const server = await startServer(databasePath, 3216);
    servers.push(server);

    const acknowledgedAt: { reference: string; at: number }[] = [];
    let backup: Promise<{ stdout: string }> | undefined;
    let backupStartedAt = 0;
    const result = await runLoad({
      base: server.url,
      total: TOTAL,
      connections: 20,
      request: (i) => ({ path: "/api/intakes", body: JSON.stringify(intakeBody(i, "Backup")), headers: { "idempotency-key": `backup-key-${i}` } }),
      onAnswer: (_i, answer) => {
        if (answer.status !== 201) return;
        acknowledgedAt.push({ reference: (JSON.parse(answer.body) as { reference: string }).reference, at: performance.now() });
        if (acknowledgedAt.length === Math.floor(TOTAL / 4) && !backup) {
          backupStartedAt = performance.now();
          backup = cli(["backup"], databasePath);
        }
      },
    });
    expect(result.statuses["201"]).toBe(TOTAL);
    const { stdout } = await backup!;
    expect(stdout).toMatch(/integrity_check ok/);
    const [file] = fs.readdirSync(path.join(work, "backups")).filter((f) => f.endsWith(".db"));
    const backupFile = path.join(work, "backups", file!);

    // Restore into a fresh folder, start a server there.
    const restoredPath = path.join(work, "restored", "intake.db");
    const restored = await cli(["restore", backupFile], restoredPath);
    expect(restored.stdout).toMatch(/Restored/);
    const copy = countsOf(backupFile);
    const before = acknowledgedAt.filter((a) => a.at < backupStartedAt).map((a) => a.reference);
    expect(before.length).toBeGreaterThanOrEqual(Math.floor(TOTAL / 4) - 1);
    const missing = before.filter((r) => !copy.references.has(r));
    expect(missing).toEqual([]);
    // Taken while writes went on: more than the acknowledged, fewer than all.
    expect(copy.references.size).toBeLessThan(TOTAL);

    const again = await startServer(restoredPath, 3217);
    servers.push(again);
    const live = countsOf(restoredPath);
    expect(live.integrity).toBe("ok");
    expect(live.references).toEqual(copy.references);
    expect(live.byStatus).toEqual(copy.byStatus);
    const fresh = await fetch(`${again.url}/api/intakes`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": "after-restore" },
      body: JSON.stringify(intakeBody(TOTAL + 1, "Restored")),
    });
    expect(fresh.status).toBe(201);

    // Restoring over the live database while its server runs is refused.
    await expect(cli(["restore", backupFile], databasePath)).rejects.toMatchObject({ stderr: expect.stringMatching(/running on this database/) });
  });
});
