import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { submitIntake } from "@/app/(client)/intake/actions";
import { listIntakes } from "@/lib/data/intakes";
import { REFERENCE_ALPHABET } from "@/lib/intake/reference";
import { PRECAUTION_RULES_VERSION } from "@/lib/intake/precautions";
import { INTAKE_SCHEMA_VERSION } from "@/lib/intake/schema";
import { neuropathyIntake, validIntake } from "../helpers/intake-fixtures";
import { testDatabaseUrl } from "../helpers/test-database";
import { sqlFor } from "../helpers/test-sql";

// The action reads the caller's address for its rate limit; here every call comes from one.
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.9" }) }));

// Read the database directly, beside the app's own connection, to see what really landed.
const sql = sqlFor(testDatabaseUrl);
afterAll(() => sql.close());

type Row = { reference: string; fullName: string; fullNameSearch: string; status: string; appointmentDate: string; schemaVersion: number; answers: unknown };
/** The stored answers: JSON text on SQLite, already parsed on PostgreSQL (jsonb). */
const answersOf = (row: Row | undefined) => (typeof row?.answers === "string" ? JSON.parse(row.answers) : row?.answers);
const rows = () => sql.rows<Row>(`SELECT * FROM "Intake" ORDER BY "createdAt"`);
const count = async () => (await sql.rows<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM "Intake"`))[0]!.n;

beforeEach(() => sql.run(`DELETE FROM "Intake"`));

describe("submitIntake", () => {
  it("stores exactly the validated answers and returns a readable reference", async () => {
    const input = neuropathyIntake({ fullName: "  Zoë   Marsh ", signature: "zoë marsh", allergies: ["latex"], allergyDetails: "stale" });
    const result = await submitIntake(input, randomUUID());

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.reference).toMatch(new RegExp(`^[${REFERENCE_ALPHABET}]{4}-[${REFERENCE_ALPHABET}]{4}$`));

    const [row] = await rows();
    expect(await count()).toBe(1);
    expect(row).toMatchObject({
      reference: result.data.reference,
      fullName: "Zoë   Marsh",
      fullNameSearch: "zoe marsh",
      status: "new",
      appointmentDate: input.appointmentDate,
      schemaVersion: INTAKE_SCHEMA_VERSION,
    });
    const answers = answersOf(row);
    expect(answers.woundsOrBlisters).toEqual(["leftHeel"]);
    expect(answers.symptomStrength).toBe(4);
    // "No" to allergies: the hidden list and details are not stored.
    expect(answers.allergies).toEqual([]);
    expect(answers.allergyDetails).toBe("");
  });

  it("drops neuropathy answers when neuropathy was unticked before sending", async () => {
    const result = await submitIntake(neuropathyIntake({ conditions: ["diabetes"] }), randomUUID());
    expect(result.ok).toBe(true);
    const answers = answersOf((await rows())[0]);
    expect(answers.conditions).toEqual(["diabetes"]);
    expect(answers.reducedFeeling).toEqual([]);
    expect(answers).not.toHaveProperty("symptomStrength");
  });

  it("rejects bad input with field errors and stores nothing", async () => {
    const result = await submitIntake(validIntake({ email: "not-an-email", signature: "Someone Else" }), randomUUID());
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        email: expect.stringMatching(/email address/),
        signature: expect.stringMatching(/full name/),
      },
    });
    expect(await count()).toBe(0);
  });

  it("answers junk with a form error, never by throwing", async () => {
    for (const junk of [null, "DROP TABLE Intake", 7, [], { fullName: { $gt: "" } }]) {
      const result = await submitIntake(junk, randomUUID());
      expect(result.ok).toBe(false);
    }
    expect(await count()).toBe(0);
  });

  it("refuses a missing or malformed idempotency key", async () => {
    for (const key of [undefined, "", "not-a-uuid", 42]) {
      const result = await submitIntake(validIntake(), key);
      expect(result).toMatchObject({ ok: false, formError: expect.stringMatching(/Reload the page/) });
    }
    expect(await count()).toBe(0);
  });

  it("stores one row for a repeated idempotency key and answers the same reference", async () => {
    const key = randomUUID();
    const first = await submitIntake(validIntake(), key);
    const again = await submitIntake(validIntake(), key);
    expect(first.ok && again.ok).toBe(true);
    if (first.ok && again.ok) expect(again.data.reference).toBe(first.data.reference);
    expect(await count()).toBe(1);
  });

  it("stores one row when the same submit arrives many times at once (a double click)", async () => {
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 8 }, () => submitIntake(validIntake(), key)));
    const references = new Set(results.map((r) => (r.ok ? r.data.reference : "failed")));
    expect([...references]).toHaveLength(1);
    expect(references.has("failed")).toBe(false);
    expect(await count()).toBe(1);
  });

  it("accepts a filled honeypot silently and stores nothing", async () => {
    const result = await submitIntake({ ...validIntake(), website: "http://spam.example" }, randomUUID());
    expect(result).toMatchObject({ ok: true, data: { reference: expect.any(String) } });
    expect(await count()).toBe(0);
  });

  it("stores separate submissions with their own references", async () => {
    const a = await submitIntake(validIntake(), randomUUID());
    const b = await submitIntake(validIntake({ fullName: "Ann Lee", signature: "Ann Lee" }), randomUUID());
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(a.data.reference).not.toBe(b.data.reference);
    expect(await count()).toBe(2);
  });
});

describe("the precaution counts stored with an intake", () => {
  it("counts stop, refer and avoid items and flags the intake for the dashboard", async () => {
    await submitIntake(
      neuropathyIntake({ conditions: ["neuropathy", "diabetes", "feverToday"], woundsOrBlisters: ["leftHeel"] }),
      randomUUID(),
    );
    await submitIntake(validIntake({ fullName: "Calm Client", signature: "Calm Client" }), randomUUID());
    const stored = await sql.rows<{ flagged: unknown }>(
      `SELECT "fullName", "stopCount", "referCount", "avoidCount", "flagged", "precautionsVersion" FROM "Intake" ORDER BY "fullName"`,
    );
    expect(stored.map((row) => ({ ...row, flagged: Boolean(row.flagged) }))).toEqual([
      { fullName: "Calm Client", stopCount: 0, referCount: 0, avoidCount: 0, flagged: false, precautionsVersion: PRECAUTION_RULES_VERSION },
      { fullName: "Maria Jensen", stopCount: 1, referCount: 1, avoidCount: 1, flagged: true, precautionsVersion: PRECAUTION_RULES_VERSION },
    ]);
    const flagged = await listIntakes({ flaggedOnly: true });
    expect(flagged.items.map((i) => i.fullName)).toEqual(["Maria Jensen"]);
  });
});
