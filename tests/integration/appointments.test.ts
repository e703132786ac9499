import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createTherapist } from "@/lib/auth/accounts";
import { endOfLocalDay, instantOf } from "@/lib/appointments/clinic-time";
import { newLinkToken } from "@/lib/appointments/link-token";
import {
  claimReminder,
  createAppointment,
  findClients,
  listAppointments,
  markOpened,
  openLink,
  readDraft,
  remindersDue,
  saveDraft,
} from "@/lib/data/appointments";
import { createIntake, getIntakeForReview, markIntakeReviewed, previousIntakeOf } from "@/lib/data/intakes";
import { getDb } from "@/lib/db";
import { intakeSchema } from "@/lib/intake/schema";
import { validIntake } from "../helpers/intake-fixtures";

const ZONE = "Europe/London";
let therapistId = "";

beforeAll(async () => {
  therapistId = (await createTherapist({ email: "appointments@clinic.example", name: "Ana Point", password: "appointments-password" })).id;
});

/** An appointment on `date` at `time` in the clinic's zone, with its link; the link's token too. */
async function book(client: { id: string } | { fullName: string; email: string; phone?: string }, date: string, time = "10:00") {
  const startsAt = instantOf(date, time, ZONE) as Date;
  const link = newLinkToken("a-test-secret-of-at-least-thirty-two-characters");
  const ids = await createAppointment({ client, startsAt, localDate: date, linkHash: link.hash, linkSeed: link.seed, linkExpiresAt: endOfLocalDay(date, ZONE), createdById: therapistId });
  return { ...ids, token: link.token, hash: link.hash, startsAt };
}

describe("appointments and their personal links", () => {
  it("store a new client with the first appointment, and find them again by name or email", async () => {
    const first = await book({ fullName: "  Åsa Lindqvist ", email: "Asa.L@Example.com", phone: "555 010 1234" }, "2026-12-03");
    const client = await getDb().client.findUniqueOrThrow({ where: { id: first.clientId } });
    expect(client).toMatchObject({ fullName: "Åsa Lindqvist", fullNameSearch: "asa lindqvist", email: "asa.l@example.com", phone: "555 010 1234" });
    expect(await findClients("lindq")).toEqual([{ id: first.clientId, fullName: "Åsa Lindqvist", email: "asa.l@example.com" }]);
    expect((await findClients("ASA.L@")).map((c) => c.id)).toEqual([first.clientId]);
    expect(await findClients("a")).toEqual([]);

    const second = await book({ id: first.clientId }, "2027-01-10");
    expect(second.clientId).toBe(first.clientId);
    expect(await getDb().client.count({ where: { email: "asa.l@example.com" } })).toBe(1);
  });

  it("keep only the link's hash, never its token", async () => {
    const booked = await book({ fullName: "Hash Only", email: "hash@example.com" }, "2026-12-04");
    const row = await getDb().appointment.findUniqueOrThrow({ where: { id: booked.appointmentId } });
    expect(row.linkHash).toBe(booked.hash);
    expect(JSON.stringify(row)).not.toContain(booked.token);
  });

  it("open the form until the end of the appointment's day in the clinic's zone, then no more", async () => {
    const booked = await book({ fullName: "Link Opener", email: "opener@example.com" }, "2026-07-15", "16:30");
    const lastMoment = new Date("2026-07-15T22:59:59.999Z"); // 23:59:59.999 in London's summer time
    const opened = await openLink(booked.hash, lastMoment);
    expect(opened).toMatchObject({ kind: "open", appointmentId: booked.appointmentId, localDate: "2026-07-15", client: { fullName: "Link Opener", email: "opener@example.com" } });
    expect(await openLink(booked.hash, new Date(lastMoment.getTime() + 1))).toEqual({ kind: "expired" });
    expect(await openLink("0".repeat(64), lastMoment)).toEqual({ kind: "unknown" });
  });

  it("say a used link's reference, and nothing of its answers", async () => {
    const booked = await book({ fullName: "Used Link", email: "used@example.com" }, "2026-12-05");
    const intake = await createIntake(intakeSchema.parse(validIntake({ fullName: "Used Link", signature: "Used Link" })), randomUUID());
    await getDb().intake.update({ where: { id: intake.id }, data: { appointmentId: booked.appointmentId, clientId: booked.clientId } });
    const opened = await openLink(booked.hash, new Date("2026-12-01T12:00:00Z"));
    expect(opened).toEqual({ kind: "used", reference: intake.reference });
  });

  it("list a day's appointments by time, each with where its intake stands", async () => {
    const day = "2026-12-20";
    const notOpened = await book({ fullName: "Nora Notopened", email: "nora@example.com" }, day, "15:00");
    const inProgress = await book({ fullName: "Ines Inprogress", email: "ines@example.com" }, day, "09:00");
    const submitted = await book({ fullName: "Sami Submitted", email: "sami@example.com" }, day, "11:00");
    const reviewed = await book({ fullName: "Rita Reviewed", email: "rita@example.com" }, day, "13:00");
    await markOpened(inProgress.appointmentId, new Date("2026-12-18T08:00:00Z"));
    for (const [booked, name] of [[submitted, "Sami Submitted"], [reviewed, "Rita Reviewed"]] as const) {
      const intake = await createIntake(intakeSchema.parse(validIntake({ fullName: name, signature: name })), randomUUID());
      await getDb().intake.update({ where: { id: intake.id }, data: { appointmentId: booked.appointmentId, clientId: booked.clientId } });
      if (name === "Rita Reviewed") await markIntakeReviewed(intake.id, { reviewerId: therapistId, note: "", acknowledged: [], precautionsVersion: 2 });
    }
    const listed = await listAppointments(day, day);
    expect(listed.map((a) => [a.client.fullName, a.state])).toEqual([
      ["Ines Inprogress", "inProgress"],
      ["Sami Submitted", "submitted"],
      ["Rita Reviewed", "reviewed"],
      ["Nora Notopened", "notOpened"],
    ]);
    expect(listed.find((a) => a.id === notOpened.appointmentId)?.intakeId).toBeNull();
  });

  it("keep a draft per link, the later save replacing the earlier", async () => {
    const booked = await book({ fullName: "Dora Draft", email: "dora@example.com" }, "2026-12-06");
    expect(await readDraft(booked.appointmentId)).toBeNull();
    await saveDraft(booked.appointmentId, "about", { fullName: "Dora Draft" });
    await saveDraft(booked.appointmentId, "health", { fullName: "Dora Draft", conditions: ["diabetes"] });
    expect(await readDraft(booked.appointmentId)).toEqual({ step: "health", answers: { fullName: "Dora Draft", conditions: ["diabetes"] }, savedAt: expect.any(Date) });
    const [listed] = (await listAppointments("2026-12-06", "2026-12-06")).filter((a) => a.id === booked.appointmentId);
    expect(listed?.state).toBe("inProgress");
  });

  it("claim each reminder once, however many runs ask at the same moment", async () => {
    const now = new Date("2027-02-01T08:00:00Z");
    const soon = await book({ fullName: "Remi Soon", email: "remi@example.com" }, "2027-02-02", "10:00");
    const later = await book({ fullName: "Lena Later", email: "lena@example.com" }, "2027-02-10", "10:00");
    const due = await remindersDue(now, 48 * 3_600_000);
    expect(due).toContain(soon.appointmentId);
    expect(due).not.toContain(later.appointmentId);

    const claims = await Promise.all(Array.from({ length: 8 }, () => claimReminder(soon.appointmentId, now)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await claimReminder(soon.appointmentId, new Date(now.getTime() + 60_000))).toBe(false);
    expect(await remindersDue(now, 48 * 3_600_000)).not.toContain(soon.appointmentId);
  });

  it("find a returning client's intake before this one, to compare", async () => {
    const first = await book({ fullName: "Vera Visits", email: "vera@example.com" }, "2026-12-07");
    const second = await book({ id: first.clientId }, "2027-01-07");
    const stored = async (booked: { appointmentId: string; clientId: string }) => {
      const intake = await createIntake(intakeSchema.parse(validIntake({ fullName: "Vera Visits", signature: "Vera Visits" })), randomUUID());
      await getDb().intake.update({ where: { id: intake.id }, data: { appointmentId: booked.appointmentId, clientId: booked.clientId } });
      return intake.id;
    };
    const older = await stored(first);
    await new Promise((r) => setTimeout(r, 5));
    const newer = await stored(second);
    const read = async (id: string) => previousIntakeOf((await getIntakeForReview(id))!);
    expect(await read(older)).toBeNull();
    expect(await read(newer)).toMatchObject({ id: older, schemaVersion: expect.any(Number) });
    const walkIn = await createIntake(intakeSchema.parse(validIntake({ fullName: "Walk In", signature: "Walk In" })), randomUUID());
    expect(await read(walkIn.id)).toBeNull();
  });
});
