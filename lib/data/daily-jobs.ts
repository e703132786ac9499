import "server-only";
import { errorKind, log } from "@/lib/log";
import { backupDatabase } from "./backup";
import { purgeOlderThan, retentionCutoff } from "./retention";

const DAY_MS = 24 * 3_600_000;
const globalForJobs = globalThis as unknown as { dailyJobs?: NodeJS.Timeout };

/**
 * What the server does once a day (the first an hour after it starts): delete client data past
 * RETENTION_MONTHS, then, with BACKUP_DIR set on SQLite, write a checked backup.
 */
export function startDailyJobs(settings: { retentionMonths: number; backup: { databasePath: string; folder: string; keep: number } | null }): void {
  if (globalForJobs.dailyJobs) return;
  const run = async () => {
    try {
      const purged = await purgeOlderThan(retentionCutoff(new Date(), settings.retentionMonths));
      if (purged.intakes + purged.appointments + purged.clients > 0) log.info({ event: "retention.purged", ...purged });
    } catch (error) {
      log.error({ event: "retention.failed", err: errorKind(error) });
    }
    if (settings.backup) {
      try {
        const backup = await backupDatabase(settings.backup.databasePath, settings.backup.folder, settings.backup.keep);
        log.info({ event: "backup.written", bytes: backup.bytes, removed: backup.removed.length });
      } catch (error) {
        log.error({ event: "backup.failed", err: errorKind(error) });
      }
    }
  };
  setTimeout(() => void run(), 3_600_000).unref();
  globalForJobs.dailyJobs = setInterval(() => void run(), DAY_MS);
  globalForJobs.dailyJobs.unref();
}
