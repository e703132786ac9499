/**
 * Retention and erasure on a real database: data past RETENTION_MONTHS goes (the audit trail's
 * rows stay); erasing a client leaves no table holding their name, email or any answer (every
 * text column of every table is searched), and the name search no longer finds them.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createTherapist } from "@/lib/auth/accounts";
import { bookAppointment } from "@/lib/appointments/book";
import { checkDateOfBirth, dobProofOf, linkForSubmit, saveLinkDraft } from "@/lib/appointments/personal-link";
import { recordAudit } from "@/lib/data/audit";
import { createIntake, listIntakes } from "@/lib/data/intakes";
import { eraseClient, erasurePreview, purgeOlderThan, retentionCutoff } from "@/lib/data/retention";
import { getDb } from "@/lib/db";
import { intakeSchema } from "@/lib/intake/schema";
import { submitIntakeAnswers } from "@/lib/submissions/submit";
import { validIntake } from "../helpers/intake-fixtures";
import { testDatabaseKind, testDatabaseUrl } from "../helpers/test-database";
import { sqlFor } from "../helpers/test-sql";

let therapistId = "";
beforeAll(async () => {
  therapistId = (await createTherapist({ email: "erasure@clinic.example", name: "Eri Sure", password: "erasure-test-password" })).id;
});

const NAME = "Zebulon Quixotefield";
const EMAIL = "zebulon.q@example.com";
const ANSWER = "Erasuretestamine";
const NOW = new Date("2026-12-01T09:00:00Z");
const by = () => ({ therapistId, ipAddress: "198.51.100.60" });
const form = (over: object) => ({ clientId: "", fullName: "", email: "", phone: "", date: "2026-12-10", time: "10:00", ...over });

/** Every (table, column) of text or JSON in the database, and how many rows hold `needle` there. */
async function whereFound(needle: string): Promise<string[]> {
  const sql = sqlFor(testDatabaseUrl);
  try {
    const columns =
      testDatabaseKind === "postgresql"
        ? await sql.rows<{ t: string; c: string }>(
            `SELECT table_name AS t, column_name AS c FROM information_schema.columns
             WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json')`,
          )
        : (
            await Promise.all(
              (await sql.rows<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table'`)).map(async ({ name }) =>
                (await sql.rows<{ name: string }>(`SELECT name FROM pragma_table_info(?)`, name)).map((c) => ({ t: name, c: c.name })),
              ),
            )
          ).flat();
    expect(columns.length).toBeGreaterThan(40);
    const found: string[] = [];
    for (const { t, c } of columns) {
      const [row] = await sql.rows<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM "${t}" WHERE lower(CAST("${c}" AS TEXT)) LIKE ?`, `%${needle.toLowerCase()}%`);
      if (row!.n > 0) found.push(`${t}.${c}`);
    }
    return found;
  } finally {
    await sql.close();
  }
}

describe("erasing a client's data", () => {
  it("leaves their name, email and answers in no table, and the name search finds nothing", async () => {
    // A client with two appointments: one intake through a link, a draft on the second, a walk-in
    // intake from the same email in other letters, a wrong date of birth in the audit trail.
    const first = await bookAppointment(form({ fullName: NAME, email: EMAIL }), by(), NOW);
    if (!first.ok) throw new Error("not booked");
    const token = first.booked.link.split("/i/")[1]!;
    const link = await linkForSubmit(token, undefined, NOW);
    if (link.kind !== "open") throw new Error(link.kind);
    const answers = validIntake({ fullName: NAME, email: EMAIL, signature: NAME, medications: ANSWER, dateOfBirth: "1944-02-29" });
    await submitIntakeAnswers({ values: answers, idempotencyKey: randomUUID(), address: "203.0.113.61", link: { appointmentId: link.appointmentId, clientId: link.clientId } });
    const second = await bookAppointment(form({ clientId: first.booked.clientId, date: "2026-12-17" }), by(), NOW);
    if (!second.ok) throw new Error("not booked");
    const secondToken = second.booked.link.split("/i/")[1]!;
    await checkDateOfBirth(secondToken, "1944-03-01", "203.0.113.62", NOW);
    await checkDateOfBirth(secondToken, "1944-02-29", "203.0.113.62", NOW);
    await saveLinkDraft(secondToken, "health", { fullName: NAME, medications: ANSWER }, dobProofOf(second.booked.appointmentId), NOW);
    await createIntake(intakeSchema.parse(validIntake({ fullName: NAME, email: "Zebulon.Q@Example.com", signature: NAME, otherConditions: `${ANSWER} walk-in` })), randomUUID());
    // Someone else, kept.
    await createIntake(intakeSchema.parse(validIntake({ fullName: "Kept Person", email: "kept@example.com", signature: "Kept Person" })), randomUUID());
    await recordAudit({ action: "intake_view", actorId: therapistId, ipAddress: "198.51.100.60" });

    for (const needle of [NAME, EMAIL, ANSWER]) expect(await whereFound(needle), needle).not.toEqual([]);
    expect((await listIntakes({ search: "quixote" })).items).toHaveLength(2);

    expect(await erasurePreview(first.booked.clientId)).toMatchObject({ fullName: NAME, intakes: 2, appointments: 2 });
    expect(await eraseClient(first.booked.clientId, { actorId: therapistId, ipAddress: "198.51.100.60" })).toEqual({ intakes: 2, appointments: 2 });

    for (const needle of [NAME, EMAIL, ANSWER, "quixotefield", "zebulon"]) expect(await whereFound(needle), needle).toEqual([]);
    expect((await listIntakes({ search: "quixote" })).items).toEqual([]);
    expect((await listIntakes({ search: "Kept Person" })).items).toHaveLength(1);
    // The audit trail kept its rows: ids and what happened.
    expect(await getDb().auditEvent.count({ where: { appointmentId: second.booked.appointmentId, action: "link_dob_failed" } })).toBe(1);
    expect(await getDb().auditEvent.count({ where: { action: "client_erased", clientId: first.booked.clientId, actorId: therapistId } })).toBe(1);
    expect(await eraseClient(first.booked.clientId, { actorId: therapistId, ipAddress: "198.51.100.60" })).toBeNull();
  });
});

describe("retention", () => {
  it("deletes intakes, appointments and the clients left with neither once they are older than the cutoff", async () => {
    const cutoff = retentionCutoff(new Date("2026-12-01T00:00:00Z"), 84);
    expect(cutoff.toISOString()).toBe("2019-12-01T00:00:00.000Z");
    // Never a few days later than the same date: the month's last day when it is shorter.
    expect(retentionCutoff(new Date("2028-02-29T10:00:00Z"), 84).toISOString()).toBe("2021-02-28T10:00:00.000Z");
    expect(retentionCutoff(new Date("2026-03-31T10:00:00Z"), 1).toISOString()).toBe("2026-02-28T10:00:00.000Z");
    const old = await bookAppointment(form({ fullName: "Olga Oldvisit", email: "olga@example.com", date: "2019-06-01" }), by(), new Date("2019-05-01T00:00:00Z"));
    if (!old.ok) throw new Error("not booked");
    const oldIntake = await createIntake(intakeSchema.parse(validIntake({ fullName: "Olga Oldvisit", signature: "Olga Oldvisit" })), randomUUID());
    await getDb().intake.update({ where: { id: oldIntake.id }, data: { createdAt: new Date("2019-05-02T00:00:00Z"), clientId: old.booked.clientId } });
    await getDb().client.update({ where: { id: old.booked.clientId }, data: { createdAt: new Date("2019-05-01T00:00:00Z") } });
    const recent = await createIntake(intakeSchema.parse(validIntake({ fullName: "Rena Recent", signature: "Rena Recent" })), randomUUID());

    expect(await purgeOlderThan(cutoff)).toMatchObject({ intakes: 1, appointments: 1, clients: 1 });
    expect(await getDb().intake.count({ where: { id: oldIntake.id } })).toBe(0);
    expect(await getDb().intake.count({ where: { id: recent.id } })).toBe(1);
    expect(await getDb().client.count({ where: { id: old.booked.clientId } })).toBe(0);
    expect(await purgeOlderThan(cutoff)).toEqual({ intakes: 0, appointments: 0, clients: 0 });
  });
});
