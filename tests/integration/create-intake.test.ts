import { afterAll, describe, expect, it, vi } from "vitest";
import { testDatabaseKind, testDatabaseUrl } from "../helpers/test-database";
import { sqlFor } from "../helpers/test-sql";
import { neuropathyIntake } from "../helpers/intake-fixtures";

// References come from a queue the test fills, so a clash can be made on purpose.
const queued: string[] = [];
vi.mock("@/lib/intake/reference", async (original) => {
  const actual = await original<typeof import("@/lib/intake/reference")>();
  return { ...actual, newReference: () => queued.shift() ?? actual.newReference() };
});

const { createIntake, getIntakeForReview, listIntakes } = await import("@/lib/data/intakes");
const { createPrismaClient, getDb } = await import("@/lib/db");
const { intakeSchema } = await import("@/lib/intake/schema");
const { PRECAUTION_RULES_VERSION, countByLevel, precautionsFor } = await import("@/lib/intake/precautions");

const sql = sqlFor(testDatabaseUrl);
afterAll(() => sql.close());

describe("createIntake (written in SQL, read by Prisma)", () => {
  it("stores a row Prisma reads back exactly as it was given", async () => {
    const answers = intakeSchema.parse(neuropathyIntake({ fullName: "Åsa Lindqvist", signature: "Åsa Lindqvist" }));
    const before = Date.now();
    const created = await createIntake(answers, "create-intake-1");
    expect(created.duplicate).toBe(false);
    expect(created.id).toMatch(/^[a-f0-9]{32}$/);

    const read = await getIntakeForReview(created.id);
    expect(read).toMatchObject({ id: created.id, reference: created.reference, fullName: "Åsa Lindqvist", status: "new" });
    expect(read!.answers).toEqual(answers);
    expect(read!.createdAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(read!.createdAt.getTime()).toBeLessThanOrEqual(Date.now());

    const counts = countByLevel(precautionsFor(answers));
    expect(counts.stop + counts.refer + counts.avoid).toBeGreaterThan(0);
    const row = await getDb().intake.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({
      fullNameSearch: "asa lindqvist",
      stopCount: counts.stop,
      referCount: counts.refer,
      avoidCount: counts.avoid,
      flagged: true,
      precautionsVersion: PRECAUTION_RULES_VERSION,
    });
    expect(row.updatedAt.getTime()).toBe(row.createdAt.getTime());
    // Dates in the same form as the rows Prisma writes, so they sort and compare alike.
    if (testDatabaseKind === "sqlite") {
      const [stored] = await sql.rows<{ createdAt: string }>(`SELECT "createdAt" FROM "Intake" WHERE "id" = ?`, created.id);
      expect(stored!.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/);
    } else {
      const [stored] = await sql.rows<{ type: string }>(`SELECT pg_typeof("createdAt")::text AS type FROM "Intake" WHERE "id" = ?`, created.id);
      expect(stored!.type).toBe("timestamp without time zone");
    }

    const listed = await listIntakes({ search: "lindqvist" });
    expect(listed.items.map((i) => i.id)).toContain(created.id);
  });

  it("draws a new reference when the one drawn is taken, and stores the intake once", async () => {
    const answers = intakeSchema.parse(neuropathyIntake());
    const first = await createIntake(answers, "create-intake-2");
    queued.push(first.reference, first.reference, "ZZZZ-2345");
    const second = await createIntake(answers, "create-intake-3");
    expect(second).toMatchObject({ reference: "ZZZZ-2345", duplicate: false });
    expect(queued).toEqual([]);
    const rows = await sql.rows(`SELECT "idempotencyKey" FROM "Intake" WHERE "reference" IN (?, ?)`, first.reference, "ZZZZ-2345");
    expect(rows).toHaveLength(2);
  });

  it("gives up after a few clashes rather than loop, and stores nothing", async () => {
    const answers = intakeSchema.parse(neuropathyIntake());
    const first = await createIntake(answers, "create-intake-4");
    queued.push(...Array.from({ length: 5 }, () => first.reference));
    await expect(createIntake(answers, "create-intake-5")).rejects.toThrow();
    expect(await sql.rows(`SELECT CAST(count(*) AS INTEGER) AS n FROM "Intake" WHERE "idempotencyKey" = 'create-intake-5'`)).toEqual([{ n: 0 }]);
  });

  it("stores intakes arriving together with one statement, each answered for itself", async () => {
    const answers = intakeSchema.parse(neuropathyIntake());
    // 130 at once: more than one INSERT's 100 rows. Keys 0-9 come twice, side by side, so a repeat
    // meets its first inside the same statement (the statement's rows are in key order).
    const keys = Array.from({ length: 120 }, (_, i) => `together-${String(i).padStart(3, "0")}`).flatMap((key, i) => (i < 10 ? [key, key] : [key]));
    // A client of its own that logs its SQL, to count the INSERTs.
    const inserts: string[] = [];
    const db = createPrismaClient(testDatabaseUrl, { onQuery: (e) => void (/^\s*INSERT INTO "Intake"/.test(e.query) && inserts.push(e.query)) });
    try {
      const results = await Promise.all(keys.map((key) => createIntake(answers, key, db)));
      // 130 in one turn: two statements (100 rows, then 30), not 130.
      expect(inserts).toHaveLength(2);
      const created = results.filter((r) => !r.duplicate);
      expect(created).toHaveLength(120);
      expect(new Set(created.map((r) => r.id)).size).toBe(120);
      for (let i = 0; i < 10; i++) {
        const pair = results.filter((_, k) => keys[k] === `together-00${i}`);
        expect(pair).toHaveLength(2);
        expect(pair[0]!.id).toBe(pair[1]!.id);
        expect(pair.filter((r) => r.duplicate)).toHaveLength(1);
      }
      // And a retry later, as a client whose answer was lost would send it.
      expect(await createIntake(answers, "together-000", db)).toMatchObject({ duplicate: true, id: results[0]!.id });
    } finally {
      await db.$disconnect();
    }
    expect(await sql.rows(`SELECT CAST(count(*) AS INTEGER) AS n FROM "Intake" WHERE "idempotencyKey" LIKE 'together-%'`)).toEqual([{ n: 120 }]);
  });

  it("fails only the intake whose link's appointment is gone, not the others sent with it", async () => {
    const answers = intakeSchema.parse(neuropathyIntake());
    const gone = { appointmentId: "no-such-appointment", clientId: "no-such-client" };
    const results = await Promise.allSettled([
      createIntake(answers, "beside-broken-1"),
      createIntake(answers, "broken-link", getDb(), gone),
      createIntake(answers, "beside-broken-2"),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(await sql.rows(`SELECT "idempotencyKey" FROM "Intake" WHERE "idempotencyKey" LIKE '%broken%' ORDER BY "idempotencyKey"`)).toEqual([
      { idempotencyKey: "beside-broken-1" },
      { idempotencyKey: "beside-broken-2" },
    ]);
  });
});
