import { checkEnvironmentOrExit } from "@/lib/start-up";
import { settingsNotDurable } from "@/lib/data/health";
import { recomputePrecautionCounts } from "@/lib/data/intakes";
import { startReminderSchedule } from "@/lib/appointments/reminders";
import { loosePermissions, markServerRunning } from "@/lib/data/backup";
import { startDailyJobs } from "@/lib/data/daily-jobs";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";

/**
 * What the Node.js server does once when it starts, before it answers a request (instrumentation.ts
 * imports this only in the Node.js runtime): the environment is checked, a PostgreSQL server whose
 * commits would not survive a crash is named in the log, then intakes stored under an older
 * precaution rules version get their counts again (a no-op once done), and the reminder round
 * starts (every 15 minutes; lib/appointments/reminders.ts). On SQLite it also warns of a data
 * folder others can read and marks the database as served (so db:restore refuses). Once a day it
 * deletes data past RETENTION_MONTHS and, with BACKUP_DIR set on SQLite, writes a backup.
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
  if (env.database.kind === "sqlite") {
    const loose = loosePermissions(env.database.path);
    if (loose.length > 0) log.warn({ event: "data.permissions_loose", loose });
    markServerRunning(env.database.path);
  }
  const backup = env.database.kind === "sqlite" && env.BACKUP_DIR ? { databasePath: env.database.path, folder: env.BACKUP_DIR, keep: env.BACKUP_KEEP } : null;
  startDailyJobs({ retentionMonths: env.RETENTION_MONTHS, backup });
  startReminderSchedule();
  if (env.BENCHMARK === "1") (await import("@/lib/bench-stats")).startBenchStats();
}
