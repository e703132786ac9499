import { describe, expect, it, vi } from "vitest";
import { DatabaseError, getDb } from "@/lib/db";
import { DURABILITY_QUERY, notDurable, settingsNotDurable } from "@/lib/data/health";
import { uniqueViolationOn } from "@/lib/data/intakes";
import { testDatabaseKind } from "../helpers/test-database";

describe("every database connection", () => {
  // Each commit survives a power cut: on SQLite that takes synchronous=FULL (WAL's NORMAL can lose
  // the last commits); on PostgreSQL it is the default, which must not be turned off.
  it(`commits durably (${testDatabaseKind})`, async () => {
    const db = getDb();
    if (testDatabaseKind === "postgresql") {
      // The server the tests start keeps PostgreSQL's defaults; the app checks a production server's
      // settings at start-up and names any turned off.
      expect(await settingsNotDurable(db)).toEqual([]);
      // And the check would name one turned off (here for one transaction only).
      const off = await db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL synchronous_commit = off");
        return notDurable(await tx.$queryRaw<{ name: string; setting: string }[]>(DURABILITY_QUERY));
      });
      expect(off).toEqual(["synchronous_commit=off"]);
      return;
    }
    const pragma = async (name: string) => {
      const [row] = await db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
      return Object.values(row ?? {})[0];
    };
    expect(await pragma("journal_mode")).toBe("wal");
    // 2 = FULL (0 OFF, 1 NORMAL, 3 EXTRA).
    expect(Number(await pragma("synchronous"))).toBe(2);
    expect(Number(await pragma("busy_timeout"))).toBeGreaterThanOrEqual(1000);
  });
});

describe("a database error", () => {
  it("is recognised when another copy of lib/db made it (Next bundles instrumentation.ts apart)", async () => {
    vi.resetModules();
    const other = await import("@/lib/db");
    expect(other.DatabaseError).not.toBe(DatabaseError);
    const clash = new other.DatabaseError("P2010", "UniqueConstraintViolation", ["idempotencyKey"]);
    expect(DatabaseError.is(clash)).toBe(true);
    expect(uniqueViolationOn(clash, "idempotencyKey")).toBe(true);
    expect(uniqueViolationOn(clash, "reference")).toBe(false);
    expect(DatabaseError.is(new Error("Database error"))).toBe(false);
  });
});
