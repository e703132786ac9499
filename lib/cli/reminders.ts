/**
 * Sends the reminders that are due, once, and removes the drafts of expired links: what the server
 * does every 15 minutes, for a clinic that prefers cron (`npm run reminders:send`). Safe beside
 * running servers: each reminder is claimed in the database before it is sent.
 */
import "./load-env";
import { sendDueReminders } from "@/lib/appointments/reminders";
import { closeDatabase } from "@/lib/data/auth-store";

try {
  const run = await sendDueReminders();
  console.log(`Reminders: ${run.sent} sent, ${run.failed} not sent (see the log), ${run.due} due; ${run.draftsSwept} expired draft(s) removed.`);
  process.exitCode = run.failed > 0 ? 1 : 0;
} catch (error) {
  console.error(`reminders:send failed: ${error instanceof Error ? error.name : "error"}`);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
