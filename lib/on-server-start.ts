import { checkEnvironmentOrExit } from "@/lib/start-up";
import { settingsNotDurable } from "@/lib/data/health";
import { recomputePrecautionCounts } from "@/lib/data/intakes";
import { startReminderSchedule } from "@/lib/appointments/reminders";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";

/**
 * What the Node.js server does once when it starts, before it answers a request (instrumentation.ts
 * imports this only in the Node.js runtime): the environment is checked, a PostgreSQL server whose
 * commits would not survive a crash is named in the log, then intakes stored under an older
 * precaution rules version get their counts again (a no-op once done), and the reminder round
 * starts (every 15 minutes; lib/appointments/reminders.ts).
 */
export async function onServerStart(): Promise<void> {
  checkEnvironmentOrExit();
  const notDurable = await settingsNotDurable();
  if (notDurable.length > 0) log.warn({ event: "database.not_durable", settings: notDurable });
  const started = performance.now();
  const result = await recomputePrecautionCounts();
  if (result.recomputed > 0) {
    log.info({ event: "precautions.recomputed", ...result, ms: Math.round(performance.now() - started) });
  }
  const env = getEnv();
  if (env.NODE_ENV === "production" && !env.SMTP_URL) log.warn({ event: "mail.not_configured" });
  startReminderSchedule();
}
