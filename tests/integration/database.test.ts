import { describe, expect, it, vi } from "vitest";
import { DatabaseError, getDb } from "@/lib/db";
import { uniqueViolationOn } from "@/lib/data/intakes";

describe("every database connection", () => {
  it("uses WAL, synchronous=FULL and a busy timeout", async () => {
    const db = getDb();
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
