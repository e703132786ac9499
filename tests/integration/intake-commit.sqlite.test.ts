import fs from "node:fs";
import { afterAll, describe, expect, it, vi } from "vitest";
import { testDatabaseUrl } from "../helpers/test-database";
import { sqlFor } from "../helpers/test-sql";
import { neuropathyIntake } from "../helpers/intake-fixtures";

/**
 * On SQLite an intake's INSERT runs on Prisma's connection without Prisma, and its commit is
 * flushed to disk in Node's thread pool (lib/sqlite-adapter.ts, lockedTransaction): what that
 * must keep of synchronous=FULL, and of Prisma's transactions.
 */

const { createIntake } = await import("@/lib/data/intakes");
const { getDb } = await import("@/lib/db");
const { intakeSchema } = await import("@/lib/intake/schema");

const sql = sqlFor(testDatabaseUrl);
afterAll(() => sql.close());

const answers = () => intakeSchema.parse(neuropathyIntake());
const synchronous = async () => {
  const [row] = await getDb().$queryRawUnsafe<Record<string, unknown>[]>("PRAGMA synchronous");
  return Number(Object.values(row ?? {})[0]);
};
const storedKeys = async (pattern: string) =>
  (await sql.rows<{ idempotencyKey: string }>(`SELECT "idempotencyKey" FROM "Intake" WHERE "idempotencyKey" LIKE ?`, pattern)).map((r) => r.idempotencyKey);

describe("an intake's commit on SQLite", () => {
  it("is flushed to disk before the intake is answered, and the connection stays synchronous=FULL", async () => {
    const events: string[] = [];
    const open = fs.promises.open;
    const spy = vi.spyOn(fs.promises, "open").mockImplementation(async (...args: Parameters<typeof open>) => {
      const file = await open(...args);
      const datasync = file.datasync.bind(file);
      file.datasync = async () => {
        await datasync();
        events.push(`flushed ${String(args[0])}`);
      };
      return file;
    });
    try {
      const created = await createIntake(answers(), "commit-flushed").then((r) => (events.push("answered"), r));
      expect(created.duplicate).toBe(false);
    } finally {
      spy.mockRestore();
    }
    expect(events).toEqual([`flushed ${testDatabaseUrl}-wal`, "answered"]);
    expect(await storedKeys("commit-flushed")).toEqual(["commit-flushed"]);
    // 2 = FULL: every other commit on the connection (a review, a session) still flushes itself.
    expect(await synchronous()).toBe(2);
  });

  it("rolls back a statement that failed, and leaves the connection as it was", async () => {
    const gone = { appointmentId: "no-such-appointment", clientId: "no-such-client" };
    await expect(createIntake(answers(), "commit-failed", getDb(), gone)).rejects.toThrow();
    expect(await synchronous()).toBe(2);
    // Not left inside a transaction: the next intake is stored and seen by another connection.
    await createIntake(answers(), "commit-after-failure");
    expect(await storedKeys("commit-after-failure")).toEqual(["commit-after-failure"]);
    expect(await storedKeys("commit-failed")).toEqual([]);
  });

  it("waits for a transaction of Prisma's in progress instead of running inside it", async () => {
    const db = getDb();
    let insert: Promise<unknown> | undefined;
    let answeredInside = false;
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`UPDATE "Intake" SET "status" = "status" WHERE 1 = 0`);
        insert = createIntake(answers(), "commit-waited").then(() => (answeredInside = true));
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(answeredInside).toBe(false);
        // The review fails and is rolled back: the intake must not go with it.
        throw new Error("review rolled back");
      }),
    ).rejects.toThrow("review rolled back");
    await insert;
    expect(answeredInside).toBe(true);
    expect(await storedKeys("commit-waited")).toEqual(["commit-waited"]);
  });
});
