import "server-only";
import { claimReminder, remindersDue, sweepExpiredDrafts } from "@/lib/data/appointments";
import { sweepExpiredFormDrafts } from "@/lib/data/form-drafts";
import { getEnv } from "@/lib/env";
import { errorKind, log } from "@/lib/log";
import { emailAboutAppointment } from "./book";

/**
 * The reminder: a client who has not sent the form is reminded once, REMINDER_HOURS_BEFORE hours
 * before the appointment. Each is claimed in the database first (one conditional UPDATE), so two
 * servers, or a server and `npm run reminders:send`, never send the same one twice. A claimed
 * reminder whose email failed is not tried again: "at most once" is the promise, and the failure
 * is in the log (mail.failed) for the clinic to follow up.
 */

export const REMINDER_EVERY_MS = 15 * 60_000;

export type ReminderRun = { due: number; sent: number; failed: number; draftsSwept: number };

export async function sendDueReminders(now = new Date()): Promise<ReminderRun> {
  const run: ReminderRun = { due: 0, sent: 0, failed: 0, draftsSwept: 0 };
  // Expired drafts go on the same round: nothing half-filled is kept past the link's day, or past
  // a day after the public form's last step.
  run.draftsSwept = (await sweepExpiredDrafts(now)) + (await sweepExpiredFormDrafts(now));
  const due = await remindersDue(now, getEnv().REMINDER_HOURS_BEFORE * 3_600_000);
  run.due = due.length;
  for (const appointmentId of due) {
    if (!(await claimReminder(appointmentId, now))) continue;
    const outcome = await emailAboutAppointment(appointmentId, "reminder");
    if (outcome.sent) run.sent++;
    else run.failed++;
  }
  return run;
}

const globalForReminders = globalThis as unknown as { reminderTimer?: NodeJS.Timeout };

/** Looks for due reminders every 15 minutes while the server runs (and once shortly after it starts). */
export function startReminderSchedule(): void {
  if (globalForReminders.reminderTimer) return;
  const round = () => {
    sendDueReminders().then(
      (run) => {
        if (run.sent + run.failed + run.draftsSwept > 0) log.info({ event: "reminders.round", ...run });
      },
      (error: unknown) => log.error({ event: "reminders.failed", err: errorKind(error) }),
    );
  };
  setTimeout(round, 30_000).unref();
  globalForReminders.reminderTimer = setInterval(round, REMINDER_EVERY_MS);
  globalForReminders.reminderTimer.unref();
}
