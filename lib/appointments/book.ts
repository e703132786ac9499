import "server-only";
import { appointmentForEmail, clientExists, createAppointment } from "@/lib/data/appointments";
import { recordAudit } from "@/lib/data/audit";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { sendEmail, type SendOutcome } from "@/lib/mail/mailer";
import { invitationEmail, reminderEmail } from "@/lib/mail/messages";
import type { AppointmentForm } from "./appointment-form";
import { endOfLocalDay, instantOf, localDateOf } from "./clinic-time";
import { hashLinkToken, linkTokenOf, newLinkToken } from "./link-token";

/**
 * Making an appointment: the instant from the clinic's wall-clock date and time, a personal link
 * valid to the end of that day, the rows (lib/data), then the email with the link. The email can
 * fail without undoing anything: the therapist still has the link to copy into a text message.
 */

/** The address a client opens: the app's public address, /i/, and the token. */
export function personalLinkOf(token: string): string {
  return new URL(`/i/${token}`, getEnv().BETTER_AUTH_URL).toString();
}

export type Booked = { appointmentId: string; clientId: string; link: string; email: SendOutcome & { to: string } };

export async function bookAppointment(
  form: AppointmentForm,
  by: { therapistId: string; ipAddress: string },
  now = new Date(),
): Promise<{ ok: true; booked: Booked } | { ok: false; fieldErrors: Record<string, string> }> {
  const env = getEnv();
  const zone = env.CLINIC_TIME_ZONE;
  const startsAt = instantOf(form.date, form.time, zone);
  if (startsAt === "not-a-date") return { ok: false, fieldErrors: { date: "Enter a real date" } };
  if (startsAt === "not-a-time") return { ok: false, fieldErrors: { time: "Enter a time such as 14:30" } };
  if (startsAt === "skipped") return { ok: false, fieldErrors: { time: "The clocks change at this time that day: choose another time" } };
  if (form.date < localDateOf(now, zone)) return { ok: false, fieldErrors: { date: "This date has passed: choose today or a later date" } };
  if (form.clientId && !(await clientExists(form.clientId))) {
    return { ok: false, fieldErrors: { clientId: "This client was not found: search for them again, or type them in as new." } };
  }

  const { seed, token, hash } = newLinkToken(env.BETTER_AUTH_SECRET);
  const client = form.clientId ? { id: form.clientId } : { fullName: form.fullName, email: form.email, phone: form.phone };
  const ids = await createAppointment({
    client,
    startsAt,
    localDate: form.date,
    linkHash: hash,
    linkSeed: seed,
    linkExpiresAt: endOfLocalDay(form.date, zone),
    createdById: by.therapistId,
    // Booked inside the reminder's window: the invitation is the reminder.
    noReminder: startsAt.getTime() - now.getTime() <= env.REMINDER_HOURS_BEFORE * 3_600_000,
  });
  await recordAudit({ action: "appointment_created", actorId: by.therapistId, appointmentId: ids.appointmentId, ipAddress: by.ipAddress });
  const link = personalLinkOf(token);
  const email = await emailAboutAppointment(ids.appointmentId, "invitation");
  return { ok: true, booked: { ...ids, link, email } };
}

/** Sends the invitation or the reminder of one appointment, with its link made again from its seed. */
export async function emailAboutAppointment(appointmentId: string, kind: "invitation" | "reminder"): Promise<SendOutcome & { to: string }> {
  const env = getEnv();
  const appointment = await appointmentForEmail(appointmentId);
  if (!appointment) return { sent: false, problem: "The appointment no longer exists.", to: "" };
  const to = appointment.client.email;
  const token = linkTokenOf(appointment.linkSeed, env.BETTER_AUTH_SECRET);
  // After a change of BETTER_AUTH_SECRET the seed makes another token: send no link that cannot open.
  if (hashLinkToken(token) !== appointment.linkHash) {
    log.error({ event: "mail.failed", kind, reason: "secret_changed" });
    return { sent: false, problem: "The link cannot be made again since the server's secret changed.", to };
  }
  const content = {
    clinicName: env.CLINIC_NAME,
    clientName: appointment.client.fullName,
    startsAt: appointment.startsAt,
    timeZone: env.CLINIC_TIME_ZONE,
    link: personalLinkOf(token),
  };
  const { subject, text } = kind === "invitation" ? invitationEmail(content) : reminderEmail(content);
  return { ...(await sendEmail({ to, subject, text, kind })), to };
}
