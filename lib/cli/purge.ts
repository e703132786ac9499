/**
 * Deletes client data older than RETENTION_MONTHS, as the server does once a day:
 *
 *   npm run data:purge
 *
 * Intakes sent, and appointments (with their links and drafts) held, before the cutoff, and the
 * clients left with neither. The audit trail keeps its rows: ids and what happened.
 */
import "./load-env";
import { closeDatabase } from "@/lib/data/auth-store";
import { purgeOlderThan, retentionCutoff } from "@/lib/data/retention";
import { getEnv } from "@/lib/env";

try {
  const months = getEnv().RETENTION_MONTHS;
  const cutoff = retentionCutoff(new Date(), months);
  const purged = await purgeOlderThan(cutoff);
  console.log(
    `Deleted what is older than ${months} months (before ${cutoff.toISOString().slice(0, 10)}): ${purged.intakes} intake(s), ${purged.appointments} appointment(s), ${purged.clients} client(s).`,
  );
} catch (error) {
  console.error(`data:purge failed: ${error instanceof Error ? error.name : "error"}`);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
