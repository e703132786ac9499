import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";

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
