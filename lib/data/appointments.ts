import "server-only";
import { getDb, type Db } from "@/lib/db";
import { searchableName } from "./intakes/create";

/**
 * Clients, their appointments, and the personal links and drafts of their intakes (the pages and
 * services are lib/appointments and app/(client)/i). A link's token is never stored, only its hash
 * (lib/appointments/link-token.ts); times are instants, and each appointment keeps its calendar
 * date in the clinic's time zone (lib/appointments/clinic-time.ts).
 */

export type NewClient = { fullName: string; email: string; phone?: string };

export type NewAppointment = {
  /** A returning client by id, or a new one. */
  client: { id: string } | NewClient;
  startsAt: Date;
  /** Its date in the clinic's time zone. */
  localDate: string;
  linkHash: string;
  /** The seed the reminder makes the token again from (lib/appointments/link-token.ts). */
  linkSeed: string;
  linkExpiresAt: Date;
  createdById: string;
  /** Booked so close to its start that no reminder should follow the invitation. */
  noReminder?: boolean;
};

/** Stores an appointment (and a new client with it, in the same write); their ids. */
export async function createAppointment(input: NewAppointment, db: Db = getDb()): Promise<{ appointmentId: string; clientId: string }> {
  const client =
    "id" in input.client
      ? { connect: { id: input.client.id } }
      : {
          create: {
            fullName: input.client.fullName.trim(),
            fullNameSearch: searchableName(input.client.fullName),
            email: input.client.email.trim().toLowerCase(),
            phone: input.client.phone?.trim() ?? "",
          },
        };
  const created = await db.appointment.create({
    data: {
      client,
      startsAt: input.startsAt,
      localDate: input.localDate,
      linkHash: input.linkHash,
      linkSeed: input.linkSeed,
      linkExpiresAt: input.linkExpiresAt,
      // Marked as claimed from the start: the reminder round then never picks it.
      reminderClaimedAt: input.noReminder ? new Date() : null,
      createdBy: { connect: { id: input.createdById } },
    },
    select: { id: true, clientId: true },
  });
  return { appointmentId: created.id, clientId: created.clientId };
}

export type ClientMatch = { id: string; fullName: string; email: string };

export async function clientExists(clientId: string, db: Db = getDb()): Promise<boolean> {
  return (await db.client.findUnique({ where: { id: clientId }, select: { id: true } })) !== null;
}

/** Returning clients whose name contains, or whose email starts with, what the therapist typed. */
export async function findClients(typed: string, db: Db = getDb()): Promise<ClientMatch[]> {
  const text = typed.trim();
  if (text.length < 2) return [];
  return db.client.findMany({
    where: { OR: [{ fullNameSearch: { contains: searchableName(text) } }, { email: { startsWith: text.toLowerCase() } }] },
    orderBy: [{ fullName: "asc" }, { id: "asc" }],
    take: 10,
    select: { id: true, fullName: true, email: true },
  });
}

/** Where an appointment's intake stands, as the dashboard says it. */
export const APPOINTMENT_STATES = { notOpened: "Not opened", inProgress: "In progress", submitted: "Submitted", reviewed: "Reviewed" } as const;
export type AppointmentState = keyof typeof APPOINTMENT_STATES;

export function stateOf(a: { openedAt: Date | null; draft: unknown; intake: { status: string } | null }): AppointmentState {
  if (a.intake) return a.intake.status === "reviewed" ? "reviewed" : "submitted";
  return a.openedAt || a.draft ? "inProgress" : "notOpened";
}

export type AppointmentListItem = {
  id: string;
  startsAt: Date;
  localDate: string;
  client: { id: string; fullName: string };
  state: AppointmentState;
  intakeId: string | null;
};

/** Appointments whose date in the clinic's zone is within [from, to], by time. */
export async function listAppointments(from: string, to: string, db: Db = getDb()): Promise<AppointmentListItem[]> {
  const rows = await db.appointment.findMany({
    where: { localDate: { gte: from, lte: to } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: 500,
    select: {
      id: true,
      startsAt: true,
      localDate: true,
      openedAt: true,
      client: { select: { id: true, fullName: true } },
      draft: { select: { appointmentId: true } },
      intake: { select: { id: true, status: true } },
    },
  });
  return rows.map((r) => ({ id: r.id, startsAt: r.startsAt, localDate: r.localDate, client: r.client, state: stateOf(r), intakeId: r.intake?.id ?? null }));
}

export type LinkOpening =
  | { kind: "unknown" }
  | { kind: "expired" }
  | { kind: "used"; reference: string }
  | { kind: "open"; appointmentId: string; localDate: string; startsAt: Date; client: { id: string; fullName: string; email: string }; dobFailures: number };

/**
 * What a personal link opens, by its token's hash: nothing (unknown), nothing any more (expired
 * at the end of the appointment's day), the reference of the intake already sent through it, or
 * the form. Says nothing of any answer, and writes nothing: mail scanners open links too, so a
 * link counts as opened only once its form runs (markOpened).
 */
export async function openLink(linkHash: string, now: Date, db: Db = getDb()): Promise<LinkOpening> {
  const found = await db.appointment.findUnique({
    where: { linkHash },
    select: {
      id: true,
      localDate: true,
      startsAt: true,
      linkExpiresAt: true,
      openedAt: true,
      dobFailures: true,
      client: { select: { id: true, fullName: true, email: true } },
      intake: { select: { reference: true } },
    },
  });
  if (!found) return { kind: "unknown" };
  // Its reference is the answer to a second send (another device): said once the intake is on disk.
  if (found.intake) {
    await db.$committedToDisk();
    return { kind: "used", reference: found.intake.reference };
  }
  if (found.linkExpiresAt.getTime() < now.getTime()) return { kind: "expired" };
  return { kind: "open", appointmentId: found.id, localDate: found.localDate, startsAt: found.startsAt, client: found.client, dobFailures: found.dobFailures };
}

/** Records the first time a link's form ran in a browser (its first save, or the date of birth confirmed). */
export async function markOpened(appointmentId: string, now: Date, db: Db = getDb()): Promise<void> {
  await db.appointment.updateMany({ where: { id: appointmentId, openedAt: null }, data: { openedAt: now } });
}

/**
 * Saves what the client has filled in so far through a link (a later save replaces it). An intake
 * sent through the link between the caller's check and this save (another device) wins: the draft
 * is removed again, so none outlives the intake.
 */
export async function saveDraft(appointmentId: string, step: string, answers: Record<string, unknown>, db: Db = getDb()): Promise<Date> {
  const saved = await db.intakeDraft.upsert({
    where: { appointmentId },
    create: { appointmentId, step, answers: answers as object },
    update: { step, answers: answers as object },
    select: { updatedAt: true },
  });
  if (await db.intake.findUnique({ where: { appointmentId }, select: { id: true } })) await deleteDraft(appointmentId, db);
  return saved.updatedAt;
}

export async function readDraft(
  appointmentId: string,
  db: Db = getDb(),
): Promise<{ step: string; answers: Record<string, unknown>; savedAt: Date } | null> {
  const draft = await db.intakeDraft.findUnique({ where: { appointmentId }, select: { step: true, answers: true, updatedAt: true } });
  return draft ? { step: draft.step, answers: (draft.answers ?? {}) as Record<string, unknown>, savedAt: draft.updatedAt } : null;
}

/**
 * Appointments a reminder is due for: starting within `withinMs` from now, no intake yet, no
 * reminder claimed. Claim each with claimReminder before sending.
 */
export async function remindersDue(now: Date, withinMs: number, db: Db = getDb()): Promise<string[]> {
  const rows = await db.appointment.findMany({
    where: { startsAt: { gt: now, lte: new Date(now.getTime() + withinMs) }, intake: { is: null }, reminderClaimedAt: null },
    orderBy: { startsAt: "asc" },
    take: 200,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/**
 * Claims an appointment's one reminder: true for the one caller that gets it, whichever server or
 * run asks, at the same moment or later (one conditional UPDATE; no transaction).
 */
export async function claimReminder(appointmentId: string, now: Date, db: Db = getDb()): Promise<boolean> {
  // Not for a client whose intake arrived since the list was read.
  const claimed = await db.appointment.updateMany({
    where: { id: appointmentId, reminderClaimedAt: null, intake: { is: null } },
    data: { reminderClaimedAt: now },
  });
  return claimed.count === 1;
}

/** What an email about an appointment needs: when, to whom, and the seed of its link. */
export async function appointmentForEmail(appointmentId: string, db: Db = getDb()) {
  return db.appointment.findUnique({
    where: { id: appointmentId },
    select: { id: true, startsAt: true, linkSeed: true, linkHash: true, client: { select: { fullName: true, email: true } } },
  });
}

/** Removes a link's draft (its intake was sent). */
export async function deleteDraft(appointmentId: string, db: Db = getDb()): Promise<void> {
  await db.intakeDraft.deleteMany({ where: { appointmentId } });
}

/** Removes the drafts of links that have expired: what a client left half-filled is not kept. */
export async function sweepExpiredDrafts(now: Date, db: Db = getDb()): Promise<number> {
  const swept = await db.intakeDraft.deleteMany({ where: { appointment: { linkExpiresAt: { lt: now } } } });
  return swept.count;
}

/** A client's latest intake: the answers a returning client's form starts from, and the date of birth they confirm. */
export async function lastIntakeOfClient(clientId: string, db: Db = getDb()) {
  const last = await db.intake.findFirst({
    where: { clientId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, answers: true, schemaVersion: true, dateOfBirth: true, appointmentDate: true },
  });
  return last ? { ...last, answers: (last.answers ?? {}) as Record<string, unknown> } : null;
}

/**
 * Takes one of a link's date-of-birth tries before the date is compared: one conditional UPDATE,
 * so however many requests arrive at once, no more than `limit` get a try. False once none is left.
 */
export async function reserveDateOfBirthTry(appointmentId: string, limit: number, db: Db = getDb()): Promise<boolean> {
  const taken = await db.appointment.updateMany({
    where: { id: appointmentId, dobFailures: { lt: limit } },
    data: { dobFailures: { increment: 1 } },
  });
  return taken.count === 1;
}

/** Gives a try back: the date was right. */
export async function releaseDateOfBirthTry(appointmentId: string, db: Db = getDb()): Promise<void> {
  await db.appointment.updateMany({ where: { id: appointmentId, dobFailures: { gt: 0 } }, data: { dobFailures: { decrement: 1 } } });
}

/** A wrong date of birth typed on a link, in the audit trail with the address. */
export async function recordWrongDateOfBirth(appointmentId: string, ipAddress: string, db: Db = getDb()): Promise<void> {
  await db.auditEvent.create({ data: { action: "link_dob_failed", appointmentId, ipAddress }, select: { id: true } });
}

/** Wrong dates of birth typed from one address, on any link, since a moment (the audit trail's). */
export async function wrongDatesOfBirthFrom(ipAddress: string, since: Date, db: Db = getDb()): Promise<number> {
  return db.auditEvent.count({ where: { action: "link_dob_failed", ipAddress, at: { gte: since } } });
}
