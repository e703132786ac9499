import fs from "node:fs";
import os from "node:os";
import path from "node:path";
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
const { createAppointment, openLink } = await import("@/lib/data/appointments");
const { createTherapist } = await import("@/lib/auth/accounts");
const { newLinkToken } = await import("@/lib/appointments/link-token");
const { getEnv } = await import("@/lib/env");
const { createPrismaClient, getDb } = await import("@/lib/db");
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

/** What every FileHandle's methods are (the class itself is not exported). */
const handlePrototype = await (async () => {
  const handle = await fs.promises.open(testDatabaseUrl, "r");
  const prototype = Object.getPrototypeOf(handle) as fs.promises.FileHandle;
  await handle.close();
  return prototype;
})();

/**
 * Watches the flushes lib/sqlite-adapter.ts makes (FileHandle.sync, on the WAL it keeps open):
 * `beforeFlush` runs before each starts (it may wait, or throw to make the flush fail), `onFlush`
 * once each is done. Each gets the path of the file flushed.
 */
function watchFlushes(hooks: { beforeFlush?: (path: string) => Promise<void>; onFlush?: (path: string) => void }) {
  const sync = handlePrototype.sync;
  return vi.spyOn(handlePrototype, "sync").mockImplementation(async function (this: fs.promises.FileHandle) {
    const file = fs.readlinkSync(`/proc/self/fd/${this.fd}`);
    await hooks.beforeFlush?.(file);
    await sync.call(this);
    hooks.onFlush?.(file);
  });
}

describe("an intake's commit on SQLite", () => {
  it("is committed, then flushed to disk, then answered; the connection stays synchronous=FULL", async () => {
    const events: string[] = [];
    const spy = watchFlushes({
      // The commit is made before the flush: another connection sees the row already.
      beforeFlush: async () => void events.push(`visible ${(await storedKeys("commit-flushed")).length}`),
      onFlush: (path) => void events.push(`flushed ${path}`),
    });
    try {
      const created = await createIntake(answers(), "commit-flushed").then((r) => (events.push("answered"), r));
      expect(created.duplicate).toBe(false);
    } finally {
      spy.mockRestore();
    }
    expect(events).toEqual(["visible 1", `flushed ${fs.realpathSync(testDatabaseUrl)}-wal`, "answered"]);
    // 2 = FULL: every other commit on the connection (a review, a session) still flushes itself.
    expect(await synchronous()).toBe(2);
  });

  it("flushes the WAL beside the file SQLite opened when the database's path is a symbolic link", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-link-"));
    const link = path.join(dir, "linked.db");
    fs.symlinkSync(fs.realpathSync(testDatabaseUrl), link);
    const db = createPrismaClient(link);
    const flushed: string[] = [];
    const spy = watchFlushes({ onFlush: (p) => void flushed.push(p) });
    try {
      await createIntake(answers(), "commit-through-link", db);
    } finally {
      spy.mockRestore();
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true });
    }
    expect(flushed).toEqual([`${fs.realpathSync(testDatabaseUrl)}-wal`]);
    expect(await storedKeys("commit-through-link")).toEqual(["commit-through-link"]);
  });

  it("waits, when asked, for a flush still under way", async () => {
    const events: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const spy = watchFlushes({ beforeFlush: () => held, onFlush: () => void events.push("flushed") });
    try {
      const created = createIntake(answers(), "commit-held");
      // Committed and readable, its flush held back.
      await vi.waitFor(async () => expect(await storedKeys("commit-held")).toHaveLength(1));
      const durable = getDb().$committedToDisk().then(() => void events.push("on disk"));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(events).toEqual([]);
      release();
      await Promise.all([created, durable]);
    } finally {
      spy.mockRestore();
    }
    expect(events).toEqual(["flushed", "on disk"]);
  });

  it("stops taking intakes on a connection whose flush failed, and says so", async () => {
    const db = createPrismaClient(testDatabaseUrl);
    // Sent through a personal link, so that the link's page can be asked about it afterwards.
    const therapist = await createTherapist({ email: "flush@clinic.example", name: "Flu Sh", password: "intake-commit-password" });
    const link = newLinkToken(getEnv().BETTER_AUTH_SECRET);
    const tomorrow = new Date(Date.now() + 86_400_000);
    const booked = await createAppointment(
      {
        client: { fullName: "Una Flushed", email: "una@example.com" },
        startsAt: tomorrow,
        localDate: tomorrow.toISOString().slice(0, 10),
        linkHash: link.hash,
        linkSeed: link.seed,
        linkExpiresAt: new Date(tomorrow.getTime() + 86_400_000),
        createdById: therapist.id,
      },
      db,
    );
    const spy = watchFlushes({
      beforeFlush: async () => {
        throw Object.assign(new Error("EIO: i/o error, fsync"), { code: "EIO" });
      },
    });
    try {
      await expect(createIntake(answers(), "commit-unflushed", db, booked)).rejects.toMatchObject({ name: "DatabaseError", kind: "FlushFailed", code: "EIO" });
      spy.mockRestore();
      // Its row is visible, yet the link does not say it was sent, a retry is not answered as
      // stored, and nothing more is written on this connection, until a restart.
      expect(await storedKeys("commit-unflushed")).toEqual(["commit-unflushed"]);
      await expect(openLink(link.hash, new Date(), db)).rejects.toMatchObject({ kind: "FlushFailed" });
      await expect(createIntake(answers(), "commit-unflushed", db, booked)).rejects.toMatchObject({ kind: "FlushFailed" });
      await expect(createIntake(answers(), "commit-after-unflushed", db)).rejects.toMatchObject({ kind: "FlushFailed" });
      await expect(db.$committedToDisk()).rejects.toMatchObject({ kind: "FlushFailed" });
    } finally {
      spy.mockRestore();
      await db.$disconnect();
    }
    expect(await storedKeys("commit-after-unflushed")).toEqual([]);
    // The app's own connection is not touched.
    await createIntake(answers(), "commit-elsewhere");
    expect(await storedKeys("commit-elsewhere")).toEqual(["commit-elsewhere"]);
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
