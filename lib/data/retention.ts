import "server-only";
import { getDb, type Db } from "@/lib/db";

/**
 * How long client data is kept, and erasing a client's data on request. Deletions go through the
 * foreign keys (an intake's reviews, an appointment's draft) and the name index's triggers; the
 * audit trail keeps its rows, which hold ids and what happened, never a name or an answer.
 */

/** The moment `months` calendar months before `now`: data older than it is past retention. */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now);
  const day = cutoff.getUTCDate();
  // The same day of the month, or the month's last when it has fewer days (never a few days later).
  cutoff.setUTCDate(1);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate();
  cutoff.setUTCDate(Math.min(day, lastDay));
  return cutoff;
}

export type Purged = { intakes: number; appointments: number; clients: number };

/**
 * Deletes intakes sent, and appointments (with their links and drafts) held, before the cutoff,
 * then the clients left with neither. Safe to run again and from two places at once (each delete
 * is one statement; a second run finds nothing).
 */
export async function purgeOlderThan(cutoff: Date, db: Db = getDb()): Promise<Purged> {
  const intakes = await db.intake.deleteMany({ where: { createdAt: { lt: cutoff } } });
  const appointments = await db.appointment.deleteMany({ where: { startsAt: { lt: cutoff } } });
  const clients = await db.client.deleteMany({ where: { createdAt: { lt: cutoff }, intakes: { none: {} }, appointments: { none: {} } } });
  if (intakes.count > 0) await mergeNameIndex(db);
  return { intakes: intakes.count, appointments: appointments.count, clients: clients.count };
}

export type ErasurePreview = { id: string; fullName: string; email: string; intakes: number; appointments: number };

/**
 * What erasing a client removes: the client, their appointments (links, drafts) and every intake
 * that is theirs: attached to them, or sent without a link with their email.
 */
export async function erasurePreview(clientId: string, db: Db = getDb()): Promise<ErasurePreview | null> {
  const client = await db.client.findUnique({ where: { id: clientId }, select: { id: true, fullName: true, email: true } });
  if (!client) return null;
  const [intakes, appointments] = await Promise.all([intakeIdsOf(client, db), db.appointment.count({ where: { clientId } })]);
  return { ...client, intakes: intakes.length, appointments };
}

/** The client's intakes: attached to them, or sent without a link from their email (in any case). */
async function intakeIdsOf(client: { id: string; email: string }, db: Db): Promise<string[]> {
  const attached = await db.intake.findMany({ where: { clientId: client.id }, select: { id: true } });
  const unattached = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Intake" WHERE "clientId" IS NULL AND lower("email") = ${client.email.toLowerCase()}`;
  return [...new Set([...attached, ...unattached].map((r) => r.id))];
}

/**
 * Erases a client's data in one transaction, with the audit row that says who erased them (so the
 * two cannot disagree); what was removed, or null if the client is gone. An intake that arrived
 * through one of their links since the preview is caught by its client and appointment.
 */
export async function eraseClient(
  clientId: string,
  by: { actorId: string; ipAddress: string },
  db: Db = getDb(),
): Promise<{ intakes: number; appointments: number } | null> {
  const client = await db.client.findUnique({ where: { id: clientId }, select: { id: true, email: true } });
  if (!client) return null;
  const ids = await intakeIdsOf(client, db);
  const [intakes, appointments] = await db.$transaction([
    db.intake.deleteMany({ where: { OR: [{ id: { in: ids } }, { clientId }, { appointment: { clientId } }] } }),
    db.appointment.deleteMany({ where: { clientId } }),
    db.client.deleteMany({ where: { id: clientId } }),
    db.auditEvent.create({ data: { action: "client_erased", actorId: by.actorId, clientId, ipAddress: by.ipAddress }, select: { id: true } }),
  ]);
  await mergeNameIndex(db);
  return { intakes: intakes.count, appointments: appointments.count };
}

/** On SQLite, merges the name index's segments, so deleted names leave its pages now, not at a later merge. */
async function mergeNameIndex(db: Db): Promise<void> {
  if (db.$databaseKind() === "sqlite") await db.$executeRawUnsafe(`INSERT INTO "IntakeNameSearch"("IntakeNameSearch") VALUES ('optimize')`);
}
