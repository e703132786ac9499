/**
 * The emails of appointments, through a real SMTP server started here and read with mailparser:
 * the invitation carries the link and no health information; a refusing mail server leaves the
 * appointment and its link; a reminder goes once, whichever of two concurrent runs claims it.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startMailServer } from "../helpers/mail-server";

const SMTP_PORT = 3403;
vi.hoisted(() => {
  process.env.SMTP_URL = "smtp://127.0.0.1:3403";
  process.env.CLINIC_NAME = "Harbour Street Foot Clinic";
  process.env.CLINIC_TIME_ZONE = "Europe/London";
  process.env.REMINDER_HOURS_BEFORE = "48";
});

import { createTherapist } from "@/lib/auth/accounts";
import { bookAppointment } from "@/lib/appointments/book";
import { hashLinkToken } from "@/lib/appointments/link-token";
import { linkPage } from "@/lib/appointments/personal-link";
import { sendDueReminders } from "@/lib/appointments/reminders";
import { getDb } from "@/lib/db";
import { submitIntakeAnswers } from "@/lib/submissions/submit";
import { validIntake } from "../helpers/intake-fixtures";

let mail: Awaited<ReturnType<typeof startMailServer>>;
let therapistId = "";
beforeAll(async () => {
  mail = await startMailServer(SMTP_PORT);
  therapistId = (await createTherapist({ email: "mail@clinic.example", name: "Mae Ling", password: "appointment-mail-password" })).id;
});
afterAll(() => mail.close());

const by = () => ({ therapistId, ipAddress: "198.51.100.9" });
const tokenOf = (link: string) => link.split("/i/")[1]!;
const form = (over: Partial<{ clientId: string; fullName: string; email: string; date: string; time: string }>) => ({
  clientId: "",
  fullName: "",
  email: "",
  phone: "",
  date: "2026-12-10",
  time: "10:30",
  ...over,
});
const NOW = new Date("2026-12-01T10:00:00Z");

describe("appointment emails", () => {
  it("send the personal link with the clinic's name, date and time, and nothing of the client's health", async () => {
    const before = mail.received.length;
    const outcome = await bookAppointment(form({ fullName: "Iris Mailer", email: "Iris.Mailer@Example.com", date: "2026-07-14", time: "16:45" }), by(), new Date("2026-07-01T10:00:00Z"));
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.fieldErrors));
    expect(outcome.booked.email).toEqual({ sent: true, to: "iris.mailer@example.com" });
    const [message] = (await mail.waitFor(before + 1)).slice(before);
    expect(message!.to).toContain("iris.mailer@example.com");
    expect(message!.subject).toContain("Harbour Street Foot Clinic");
    // 16:45 in London's summer time, as the therapist typed it.
    expect(message!.text).toContain("Tuesday, 14 July 2026 at 16:45");
    expect(message!.text).toContain(outcome.booked.link);
    expect(outcome.booked.link).toMatch(/^http:\/\/localhost:3000\/i\/[A-Za-z0-9_-]{43}$/);
    // Only the hash is stored, and it is the link's.
    const row = await getDb().appointment.findUniqueOrThrow({ where: { id: outcome.booked.appointmentId } });
    expect(row.linkHash).toBe(hashLinkToken(tokenOf(outcome.booked.link)));
    expect(JSON.stringify(row)).not.toContain(tokenOf(outcome.booked.link));
  });

  it("refuse a date that has passed, a time the clocks skip, or a returning client who is not there", async () => {
    expect(await bookAppointment(form({ clientId: "no-such-client" }), by(), NOW)).toEqual({
      ok: false,
      fieldErrors: { clientId: expect.stringContaining("not found") },
    });
    expect(await bookAppointment(form({ fullName: "Late", email: "late@example.com", date: "2026-11-30" }), by(), NOW)).toEqual({
      ok: false,
      fieldErrors: { date: expect.stringContaining("passed") },
    });
    expect(await bookAppointment(form({ fullName: "Skip", email: "skip@example.com", date: "2027-03-28", time: "01:30" }), by(), NOW)).toEqual({
      ok: false,
      fieldErrors: { time: expect.stringContaining("clocks change") },
    });
  });

  it("leave the appointment and its link when the mail server refuses, and say so", async () => {
    mail.refuse = true;
    try {
      const outcome = await bookAppointment(form({ fullName: "Otto Offline", email: "otto@example.com" }), by(), NOW);
      if (!outcome.ok) throw new Error("not booked");
      expect(outcome.booked.email).toMatchObject({ sent: false, problem: expect.stringContaining("did not accept") });
      expect(await getDb().appointment.count({ where: { id: outcome.booked.appointmentId } })).toBe(1);
      expect((await linkPage(tokenOf(outcome.booked.link), undefined, NOW)).kind).toBe("form");
    } finally {
      mail.refuse = false;
    }
  });

  it("send a reminder once to a client who has not sent the form, however many runs look at once", async () => {
    // Due: starts within 48 hours, nothing sent. Not due: later, or its intake already sent.
    // Booked a week ahead; one booked inside the window has had its invitation and gets none.
    const booked = new Date("2026-11-24T10:00:00Z");
    const due = await bookAppointment(form({ fullName: "Rosa Remind", email: "rosa@example.com", date: "2026-12-02", time: "15:00" }), by(), booked);
    const later = await bookAppointment(form({ fullName: "Lars Later", email: "lars@example.com", date: "2026-12-20" }), by(), booked);
    const done = await bookAppointment(form({ fullName: "Dana Done", email: "dana@example.com", date: "2026-12-02", time: "11:00" }), by(), booked);
    const lastMinute = await bookAppointment(form({ fullName: "Lena Lastminute", email: "lena@example.com", date: "2026-12-02", time: "12:00" }), by(), NOW);
    if (!due.ok || !later.ok || !done.ok || !lastMinute.ok) throw new Error("not booked");
    await submitIntakeAnswers({
      values: validIntake({ fullName: "Dana Done", signature: "Dana Done" }),
      idempotencyKey: randomUUID(),
      address: "203.0.113.77",
      link: { appointmentId: done.booked.appointmentId, clientId: done.booked.clientId },
    });
    const before = mail.received.length;

    const runs = await Promise.all([sendDueReminders(NOW), sendDueReminders(NOW)]);
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(1);
    await mail.waitFor(before + 1);
    await new Promise((r) => setTimeout(r, 300));
    const reminders = mail.received.slice(before);
    expect(reminders.map((m) => m.to)).toEqual([expect.stringContaining("rosa@example.com")]);
    expect(reminders[0]!.subject).toContain("Reminder");
    // The reminder's link is the invitation's: made again from its seed, it opens the same form.
    expect(reminders[0]!.text).toContain(due.booked.link);
    // A later run sends nothing more.
    expect((await sendDueReminders(new Date(NOW.getTime() + 15 * 60_000))).sent).toBe(0);
    expect(mail.received.length).toBe(before + 1);
  });
});
