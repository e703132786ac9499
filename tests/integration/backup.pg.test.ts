/**
 * On PostgreSQL, backups are the database's own: `db:backup` says so and stops, and the README's
 * pg_dump and pg_restore commands make a round trip that keeps every intake.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { binDir } from "@/prisma/throwaway-postgres";
import { createIntake } from "@/lib/data/intakes";
import { intakeSchema } from "@/lib/intake/schema";
import { validIntake } from "../helpers/intake-fixtures";
import { newPostgresDatabase } from "../helpers/pg-migrations";
import { testDatabaseUrl } from "../helpers/test-database";
import { sqlFor } from "../helpers/test-sql";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

describe("backups on PostgreSQL", () => {
  it("db:backup says to use pg_dump and stops", async () => {
    const outcome = run(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "lib/cli/backup.ts", "backup"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: testDatabaseUrl },
    });
    await expect(outcome).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("pg_dump") });
  });

  it("survive a pg_dump and pg_restore round trip, every intake and the audit trail's guard", async () => {
    for (let i = 0; i < 5; i++) await createIntake(intakeSchema.parse(validIntake({ fullName: `Dump Person ${i}`, signature: `Dump Person ${i}` })), randomUUID());
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "intake-pgdump-")), "intake.dump");
    await run(path.join(binDir(), "pg_dump"), ["--format=custom", "--no-owner", "--file", file, "--dbname", testDatabaseUrl]);
    const target = await newPostgresDatabase("restored");
    await run(path.join(binDir(), "pg_restore"), ["--no-owner", "--exit-on-error", "--dbname", target, file]);

    const before = sqlFor(testDatabaseUrl);
    const after = sqlFor(target);
    try {
      const rows = (sql: typeof before) => sql.rows<{ reference: string; answers: unknown }>(`SELECT "reference", "answers" FROM "Intake" ORDER BY "reference"`);
      const original = await rows(before);
      expect(original.length).toBeGreaterThanOrEqual(5);
      expect(await rows(after)).toEqual(original);
      // The triggers came too: the restored audit trail still refuses to be changed.
      await after.run(`INSERT INTO "AuditEvent" ("action", "at") VALUES ('sign_out', now())`);
      await expect(after.run(`DELETE FROM "AuditEvent"`)).rejects.toThrow();
    } finally {
      await before.close();
      await after.close();
    }
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
