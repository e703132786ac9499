/**
 * Exports on a real database (SQLite with `npm test`, PostgreSQL with `npm run test:pg`): the CSV
 * reads every intake of the list as filtered, in batches, and another program (csv-parse) reads it
 * back; API keys made for integrations are stored hashed, read exports only, and stop working when
 * revoked or when their owner is disabled.
 */
import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { createTherapist } from "@/lib/auth/accounts";
import { createExportApiKey, revokeExportApiKey } from "@/lib/auth/api-keys";
import { getAuth } from "@/lib/auth/auth";
import { exportAccess } from "@/lib/auth/export-access";
import { intakesForExport, listIntakes, type IntakeFilters, type PageCursor } from "@/lib/data/intakes";
import { listApiKeys } from "@/lib/data/api-keys";
import { disableTherapist } from "@/lib/data/therapists";
import { getDb } from "@/lib/db";
import { CSV_HEADERS, intakesCsv } from "@/lib/exports/csv";
import { submitIntakeAnswers } from "@/lib/submissions/submit";
import { daysFromToday, neuropathyIntake, validIntake } from "../helpers/intake-fixtures";
import "../helpers/test-database";

async function submit(values: ReturnType<typeof validIntake>) {
  const outcome = await submitIntakeAnswers({ values, idempotencyKey: randomUUID(), address: "203.0.113.80" });
  if (outcome.kind !== "created") throw new Error(`not stored: ${outcome.kind}`);
  return outcome.id;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
  return Buffer.concat(chunks);
}

describe("the CSV of the list", () => {
  it("holds every intake of the filtered list across batches, readable by a CSV parser", async () => {
    const names = ["Zoë Brontë", "José Núñez", "Łukasz Żółć", "Ana Marsh", "Dev Patel", "Ewa Lindqvist", "Femi Okafor"];
    const ids: string[] = [];
    for (const [i, name] of names.entries()) {
      ids.push(await submit(validIntake({ fullName: name, signature: name, appointmentDate: daysFromToday(2 + (i % 3)), email: `csv${i}@example.com` })));
    }
    const hostile = "=HYPERLINK(\"http://evil.example\",\"click\")";
    ids.push(
      await submit(
        neuropathyIntake({ fullName: "Mia Formula", signature: "Mia Formula", medications: hostile, otherConditions: "line one\nline two, with a comma" }),
      ),
    );
    const filters: IntakeFilters = { from: daysFromToday(0) };

    // Batches of 3 over 8 intakes: the keyset must neither skip nor repeat a row at a boundary.
    const batches: string[][] = [];
    for await (const batch of intakesForExport(filters, getDb(), 3)) batches.push(batch.map((r) => r.id));
    expect(batches.map((b) => b.length)).toEqual([3, 3, 2]);
    const listed: string[] = [];
    let cursor: PageCursor | null = null;
    do {
      const page = await listIntakes(filters, cursor);
      listed.push(...page.items.map((i) => i.id));
      cursor = page.next;
    } while (cursor);
    expect(batches.flat()).toEqual(listed);
    expect([...batches.flat()].sort()).toEqual([...ids].sort());

    const bytes = await readAll(intakesCsv(intakesForExport(filters, getDb(), 3), (e) => { throw e; }));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(Buffer.from(bytes).toString("utf8"), { bom: true, columns: true, relax_column_count: false }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(CSV_HEADERS);
    expect(rows).toHaveLength(8);
    expect(rows.map((r) => r.Client)).toEqual(expect.arrayContaining(names));
    const mia = rows.find((r) => r.Client === "Mia Formula")!;
    expect(mia.Medications).toBe(`'${hostile}`);
    expect(mia["Other conditions"]).toBe("line one\nline two, with a comma");
    expect(mia.Conditions).toBe("Peripheral neuropathy; Diabetes");
    expect(mia["Reduced feeling"]).toBe("Left sole; Right sole");
    expect(mia["Strength of symptoms today"]).toBe("4");
    expect(mia["Do not massage"]).toBe("0");
    // The phone number starts with "+": neutralised like any other cell.
    expect(mia.Phone).toBe("'+1 555 010 2030");
    // A question not asked (no neuropathy) is an empty cell, not "No".
    expect(rows.find((r) => r.Client === "Ana Marsh")!["Cause of neuropathy"]).toBe("");
  });

  it("follows the filters: a name search exports only the matches", async () => {
    const rows: string[] = [];
    for await (const batch of intakesForExport({ search: "núñez" })) rows.push(...batch.map((r) => r.fullName));
    expect(rows).toEqual(["José Núñez"]);
  });
});

describe("API keys for exports", () => {
  const request = (key: string) => new Request("http://localhost/api/fhir/QuestionnaireResponse/x", { headers: { "x-api-key": key } });
  const refused = { kind: "refused" };

  it("reads exports with a key made for the clinic's owner, stored only as a hash, until revoked", async () => {
    const owner = await createTherapist({ email: "keys-owner@clinic.example", name: "Kit Owner", password: "the-owners-password", owner: true });
    const made = await createExportApiKey({ name: "Practice EHR" });
    expect(made.ownerEmail).toBe("keys-owner@clinic.example");
    expect(made.key).toMatch(/^intake_[A-Za-z]{64}$/);

    const stored = await getDb().apiKey.findUniqueOrThrow({ where: { id: made.id } });
    expect(stored.key).not.toBe(made.key);
    expect(JSON.stringify(stored)).not.toContain(made.key.slice(7));
    expect(JSON.parse(stored.permissions!)).toEqual({ exports: ["read"] });

    expect(await exportAccess(request(made.key))).toEqual({ kind: "apiKey", userId: owner.id, apiKeyId: made.id });
    expect(await exportAccess(request(`${made.key.slice(0, -1)}${made.key.endsWith("a") ? "b" : "a"}`))).toEqual(refused);
    expect(await exportAccess(request("not-a-key"))).toEqual(refused);
    // Its first characters tell it apart from other keys.
    expect((await listApiKeys()).find((k) => k.id === made.id)).toMatchObject({ start: made.key.slice(0, 13), state: "active", name: "Practice EHR" });

    expect(await revokeExportApiKey(made.id)).toBe(true);
    expect(await exportAccess(request(made.key))).toEqual(refused);
    expect(await revokeExportApiKey(made.id)).toBe(false);
    // Kept, disabled, so the audit trail can still name it.
    expect((await listApiKeys()).find((k) => k.id === made.id)).toMatchObject({ state: "revoked", name: "Practice EHR" });
    const audit = await getDb().auditEvent.findMany({ where: { apiKeyId: made.id }, select: { action: true, actorId: true }, orderBy: { id: "asc" } });
    expect(audit).toEqual([
      { action: "api_key_created", actorId: owner.id },
      { action: "api_key_revoked", actorId: owner.id },
    ]);
  });

  it("refuses a key without the exports permission, and a key whose owner was disabled", async () => {
    const owner = await createTherapist({ email: "keys-owner2@clinic.example", name: "Kay Owner", password: "the-owners-password", owner: true });
    const other = await getAuth().api.createApiKey({ body: { name: "Something else", userId: owner.id, permissions: { appointments: ["write"] } } });
    expect(await exportAccess(request(other.key))).toEqual(refused);

    // Two owners now: the key must name its owner.
    await expect(createExportApiKey({ name: "Bookkeeper" })).rejects.toThrow(/--owner/);
    const made = await createExportApiKey({ name: "Bookkeeper", ownerEmail: "keys-owner2@clinic.example" });
    expect(await exportAccess(request(made.key))).toMatchObject({ kind: "apiKey", userId: owner.id });
    await disableTherapist("keys-owner2@clinic.example");
    expect(await exportAccess(request(made.key))).toEqual(refused);
    expect((await listApiKeys()).find((k) => k.id === made.id)).toMatchObject({ state: "owner disabled" });
    await expect(createExportApiKey({ name: "Later", ownerEmail: "keys-owner2@clinic.example" })).rejects.toThrow(/not an owner account/);
  });

  it("answers 429 with the wait once a key passes its rate limit, and 401 is not given for it", async () => {
    const owner = await createTherapist({ email: "keys-owner3@clinic.example", name: "Kai Owner", password: "the-owners-password", owner: true });
    const made = await createExportApiKey({ name: "Busy EHR", ownerEmail: "keys-owner3@clinic.example" });
    // As if it had read 600 times in the last second.
    await getDb().apiKey.update({ where: { id: made.id }, data: { requestCount: 600, lastRequest: new Date() } });
    const access = await exportAccess(request(made.key));
    expect(access).toMatchObject({ kind: "throttled" });
    expect((access as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((access as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(60);
    await getDb().apiKey.update({ where: { id: made.id }, data: { requestCount: 0 } });
    expect(await exportAccess(request(made.key))).toMatchObject({ kind: "apiKey", userId: owner.id });
  });
});
