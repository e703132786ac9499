/**
 * A personal link's journey through lib/appointments with a real database: which page it opens,
 * the returning client's date-of-birth check and its limits, the draft kept on the server, and the
 * intake sent through it (its appointment and client set, its draft gone, sent once).
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createTherapist } from "@/lib/auth/accounts";
import { endOfLocalDay, instantOf } from "@/lib/appointments/clinic-time";
import { newLinkToken } from "@/lib/appointments/link-token";
import {
  DOB_TRIES_PER_ADDRESS_PER_HOUR,
  DOB_TRIES_PER_LINK,
  checkDateOfBirth,
  dobProofOf,
  linkForSubmit,
  linkPage,
  saveLinkDraft,
} from "@/lib/appointments/personal-link";
import { createAppointment, listAppointments, readDraft, sweepExpiredDrafts } from "@/lib/data/appointments";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { submitIntakeAnswers } from "@/lib/submissions/submit";
import { validIntake } from "../helpers/intake-fixtures";

let therapistId = "";
beforeAll(async () => {
  therapistId = (await createTherapist({ email: "links@clinic.example", name: "Lin Ks", password: "personal-links-password" })).id;
});

const ZONE = "UTC";
const NOW = new Date("2026-12-01T09:00:00Z");

async function book(client: { id: string } | { fullName: string; email: string }, date = "2026-12-03") {
  const link = newLinkToken(getEnv().BETTER_AUTH_SECRET);
  const ids = await createAppointment({
    client,
    startsAt: instantOf(date, "10:00", ZONE) as Date,
    localDate: date,
    linkHash: link.hash,
    linkSeed: link.seed,
    linkExpiresAt: endOfLocalDay(date, ZONE),
    createdById: therapistId,
  });
  return { ...ids, token: link.token };
}

/** Sends an intake through a link, as its submit action does. */
async function sendThrough(token: string, values: object, key = randomUUID(), proof?: string) {
  const link = await linkForSubmit(token, proof, NOW);
  if (link.kind !== "open") throw new Error(`link is ${link.kind}`);
  return submitIntakeAnswers({ values, idempotencyKey: key, address: `203.0.113.${Math.floor(Math.random() * 200)}`, link });
}

describe("a personal link", () => {
  it("opens a new client's form with their name, email and the appointment's date, and nothing for a bad token", async () => {
    const { token } = await book({ fullName: "Noor New", email: "noor@example.com" });
    const page = await linkPage(token, undefined, NOW);
    expect(page).toMatchObject({
      kind: "form",
      start: { values: { fullName: "Noor New", email: "noor@example.com", appointmentDate: "2026-12-03" }, step: null, prefilledSteps: [] },
    });
    for (const bad of ["", "short", "A".repeat(43), `${token}x`, null]) expect((await linkPage(bad, undefined, NOW)).kind).toBe("unknown");
    expect((await linkPage(token, undefined, new Date("2026-12-04T00:00:00Z"))).kind).toBe("expired");
  });

  it("counts as opened only once its form runs, not when the address is fetched", async () => {
    const { token, appointmentId } = await book({ fullName: "Scan Ned", email: "scanned@example.com" }, "2026-12-13");
    const state = async () => (await listAppointments("2026-12-13", "2026-12-13")).find((a) => a.id === appointmentId)?.state;
    await linkPage(token, undefined, NOW);
    expect(await state()).toBe("notOpened");
    await saveLinkDraft(token, "about", { fullName: "Scan Ned" }, undefined, NOW);
    expect(await state()).toBe("inProgress");
  });

  it("keeps in a draft only the questionnaire's answers, each of its question's type", async () => {
    const { token, appointmentId } = await book({ fullName: "Type Check", email: "types@example.com" });
    const sent = { fullName: "Type Check", conditions: "diabetes", hasAllergies: 7, takesBloodThinners: "yes", allergies: ["nutOils", 3], symptomStrength: 4, medications: ["x"] };
    expect(await saveLinkDraft(token, "health", sent, undefined, NOW)).toMatchObject({ ok: true });
    expect((await readDraft(appointmentId))?.answers).toEqual({ fullName: "Type Check", symptomStrength: 4 });
  });

  it("keeps the answers on the server step by step, only the questionnaire's, and continues from them", async () => {
    const { token, appointmentId } = await book({ fullName: "Dev Ices", email: "devices@example.com" });
    expect(await saveLinkDraft(token, "health", { fullName: "Dev Ices", conditions: ["diabetes"], isAdmin: true }, undefined, NOW)).toMatchObject({ ok: true });
    expect(await readDraft(appointmentId)).toEqual({ step: "health", answers: { fullName: "Dev Ices", conditions: ["diabetes"] }, savedAt: expect.any(Date) });
    expect(await saveLinkDraft(token, "nowhere", {}, undefined, NOW)).toEqual({ ok: false, why: "invalid" });
    expect(await saveLinkDraft(token, "health", ["not", "an", "object"], undefined, NOW)).toEqual({ ok: false, why: "invalid" });
    expect(await saveLinkDraft(token, "health", { otherConditions: "x".repeat(70_000) }, undefined, NOW)).toEqual({ ok: false, why: "too-large" });
    expect(await saveLinkDraft("A".repeat(43), "health", {}, undefined, NOW)).toEqual({ ok: false, why: "closed" });
    const page = await linkPage(token, undefined, NOW);
    expect(page).toMatchObject({ kind: "form", start: { step: "health", values: { conditions: ["diabetes"] } } });
  });

  it("stores the intake against its appointment and client, deletes the draft, and takes it once", async () => {
    const { token, appointmentId, clientId } = await book({ fullName: "Sent Once", email: "once@example.com" });
    await saveLinkDraft(token, "review", validIntake({ fullName: "Sent Once", signature: "Sent Once" }), undefined, NOW);
    const first = await sendThrough(token, validIntake({ fullName: "Sent Once", signature: "Sent Once" }));
    expect(first.kind).toBe("created");
    const row = await getDb().intake.findFirstOrThrow({ where: { appointmentId }, select: { clientId: true, reference: true } });
    expect(row.clientId).toBe(clientId);
    expect(await readDraft(appointmentId)).toBeNull();
    // Another device, its own idempotency key, a moment later: the first intake stands.
    const link = await linkForSubmit(token, undefined, NOW);
    expect(link).toEqual({ kind: "used", reference: row.reference });
    const raced = await submitIntakeAnswers({
      values: validIntake({ fullName: "Sent Once", signature: "Sent Once" }),
      idempotencyKey: randomUUID(),
      address: "203.0.113.250",
      link: { appointmentId, clientId },
    });
    expect(raced).toMatchObject({ kind: "duplicate", reference: row.reference });
    expect(await getDb().intake.count({ where: { appointmentId } })).toBe(1);
    expect(await linkPage(token, undefined, NOW)).toEqual({ kind: "used", reference: row.reference });
  });

  it("asks a returning client's date of birth before any earlier answer, then starts from them but what is asked fresh", async () => {
    const first = await book({ fullName: "Rhea Turner", email: "rhea@example.com" });
    await sendThrough(
      first.token,
      validIntake({ fullName: "Rhea Turner", signature: "Rhea Turner", dateOfBirth: "1949-11-30", conditions: ["diabetes", "feverToday"] as never, medications: "Metformin" }),
    );
    const second = await book({ id: first.clientId }, "2026-12-10");
    const asked = await linkPage(second.token, undefined, NOW);
    expect(asked).toMatchObject({ kind: "confirm-date-of-birth" });
    expect(JSON.stringify(asked)).not.toContain("Metformin");
    expect(await linkPage(second.token, "forged-proof", NOW)).toMatchObject({ kind: "confirm-date-of-birth" });

    // A right date on a later try gives that try back.
    expect(await checkDateOfBirth(second.token, "1949-11-29", "198.51.100.1", NOW)).toMatchObject({ ok: false, field: "dateOfBirth" });
    expect(await checkDateOfBirth(second.token, "1949-11-30", "198.51.100.1", NOW)).toEqual({ ok: true, appointmentId: second.appointmentId });
    expect((await getDb().appointment.findUniqueOrThrow({ where: { id: second.appointmentId } })).dobFailures).toBe(1);
    const page = await linkPage(second.token, dobProofOf(second.appointmentId), NOW);
    if (page.kind !== "form") throw new Error(page.kind);
    expect(page.start.values).toMatchObject({ fullName: "Rhea Turner", medications: "Metformin", conditions: ["diabetes"], appointmentDate: "2026-12-10" });
    for (const fresh of ["signature", "consentAccurate", "consentSpeakUp", "consentNotMedicalCare", "symptomStrength"]) expect(page.start.values).not.toHaveProperty(fresh);
    expect(page.start.prefilledSteps).toEqual(expect.arrayContaining(["about", "health", "allergiesAndSkin", "preferences"]));
    expect(page.start.prefilledSteps).not.toContain("consent");
    // The proof is for this appointment alone.
    expect((await linkPage(first.token, dobProofOf(second.appointmentId), NOW)).kind).toBe("used");
  });

  it("lets no one without the date of birth save or send answers for a returning client", async () => {
    const first = await book({ fullName: "Gail Guarded", email: "gail@example.com" });
    await sendThrough(first.token, validIntake({ fullName: "Gail Guarded", signature: "Gail Guarded", dateOfBirth: "1955-05-05" }));
    const second = await book({ id: first.clientId }, "2026-12-14");
    expect(await saveLinkDraft(second.token, "health", { medications: "forged" }, undefined, NOW)).toEqual({ ok: false, why: "needs-date-of-birth" });
    expect(await saveLinkDraft(second.token, "health", { medications: "forged" }, dobProofOf(first.appointmentId), NOW)).toEqual({
      ok: false,
      why: "needs-date-of-birth",
    });
    expect(await readDraft(second.appointmentId)).toBeNull();
    expect(await linkForSubmit(second.token, undefined, NOW)).toEqual({ kind: "needs-date-of-birth" });
    const proof = dobProofOf(second.appointmentId);
    expect(await saveLinkDraft(second.token, "health", { medications: "Metformin" }, proof, NOW)).toMatchObject({ ok: true });
    expect(await linkForSubmit(second.token, proof, NOW)).toMatchObject({ kind: "open", appointmentId: second.appointmentId });
  });

  it("gives parallel guesses no more tries than the limit", async () => {
    const first = await book({ fullName: "Para Llel", email: "parallel@example.com" });
    await sendThrough(first.token, validIntake({ fullName: "Para Llel", signature: "Para Llel", dateOfBirth: "1970-07-07" }));
    const second = await book({ id: first.clientId }, "2026-12-15");
    const guesses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => checkDateOfBirth(second.token, `1970-01-${String(i + 1).padStart(2, "0")}`, `198.51.100.${100 + i}`, NOW)),
    );
    expect(guesses.every((g) => !g.ok)).toBe(true);
    expect(await getDb().auditEvent.count({ where: { action: "link_dob_failed", appointmentId: second.appointmentId } })).toBe(DOB_TRIES_PER_LINK);
    expect(await checkDateOfBirth(second.token, "1970-07-07", "198.51.100.99", NOW)).toMatchObject({ ok: false, error: expect.stringContaining("locked") });
  });

  it("limits wrong dates of birth per link, then per address, and records each in the audit trail", async () => {
    const first = await book({ fullName: "Lim Its", email: "limits@example.com" });
    await sendThrough(first.token, validIntake({ fullName: "Lim Its", signature: "Lim Its", dateOfBirth: "1960-01-01" }));
    const second = await book({ id: first.clientId }, "2026-12-11");
    for (let i = 1; i < DOB_TRIES_PER_LINK; i++) {
      expect(await checkDateOfBirth(second.token, "1960-01-02", "198.51.100.20", NOW)).toMatchObject({ ok: false, field: "dateOfBirth" });
    }
    expect(await checkDateOfBirth(second.token, "1960-01-02", "198.51.100.20", NOW)).toMatchObject({ ok: false, error: expect.stringContaining("locked") });
    // Locked: even the right date no longer opens it.
    expect(await checkDateOfBirth(second.token, "1960-01-01", "198.51.100.21", NOW)).toMatchObject({ ok: false });
    expect(await linkPage(second.token, undefined, NOW)).toEqual({ kind: "locked" });
    const audited = await getDb().auditEvent.findMany({ where: { action: "link_dob_failed", appointmentId: second.appointmentId } });
    expect(audited).toHaveLength(DOB_TRIES_PER_LINK);
    expect(audited.every((e) => e.ipAddress === "198.51.100.20")).toBe(true);
    // Not a date: refused without counting.
    const third = await book({ id: first.clientId }, "2026-12-12");
    expect(await checkDateOfBirth(third.token, "not a date", "198.51.100.30", NOW)).toMatchObject({ ok: false, field: "dateOfBirth" });
    expect(await getDb().auditEvent.count({ where: { action: "link_dob_failed", appointmentId: third.appointmentId } })).toBe(0);

    // One address trying many links: stopped after the hourly allowance, whichever link.
    const address = "198.51.100.40";
    const links = await Promise.all(Array.from({ length: 4 }, (_, i) => book({ id: first.clientId }, `2026-12-${20 + i}`)));
    let tries = 0;
    for (const link of links) {
      for (let i = 0; i < DOB_TRIES_PER_LINK - 1 && tries < DOB_TRIES_PER_ADDRESS_PER_HOUR; i++, tries++) {
        await checkDateOfBirth(link.token, "1960-01-02", address, new Date());
      }
    }
    expect(tries).toBe(DOB_TRIES_PER_ADDRESS_PER_HOUR);
    const refused = await checkDateOfBirth(links[3]!.token, "1960-01-01", address, new Date());
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining("Too many dates of birth") });
  });

  it("loses its draft once the link has expired", async () => {
    const { token, appointmentId } = await book({ fullName: "Ex Pired", email: "expired@example.com" }, "2026-12-02");
    await saveLinkDraft(token, "health", { fullName: "Ex Pired" }, undefined, NOW);
    expect(await sweepExpiredDrafts(new Date("2026-12-02T12:00:00Z"))).toBe(0);
    expect(await readDraft(appointmentId)).not.toBeNull();
    expect(await sweepExpiredDrafts(new Date("2026-12-03T00:00:00Z"))).toBeGreaterThanOrEqual(1);
    expect(await readDraft(appointmentId)).toBeNull();
  });
});
