import "server-only";
import { getDb, type Db } from "@/lib/db";
import { APPOINTMENT_STATES, stateOf, type AppointmentState } from "./appointments";

/** A client's page, and intakes sent without a link joined to their client. */

export type ClientHistory = {
  id: string;
  fullName: string;
  email: string;
  phone: string;
  appointments: { id: string; startsAt: Date; state: AppointmentState; intakeId: string | null }[];
  intakes: { id: string; reference: string; appointmentDate: string; status: string; createdAt: Date; flagged: boolean }[];
};

export async function clientWithHistory(clientId: string, db: Db = getDb()): Promise<ClientHistory | null> {
  const client = await db.client.findUnique({
    where: { id: clientId },
    select: {
      id: true,
      fullName: true,
      email: true,
      phone: true,
      appointments: {
        orderBy: [{ startsAt: "desc" }, { id: "desc" }],
        take: 200,
        select: { id: true, startsAt: true, openedAt: true, draft: { select: { appointmentId: true } }, intake: { select: { id: true, status: true } } },
      },
      intakes: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 200,
        select: { id: true, reference: true, appointmentDate: true, status: true, createdAt: true, flagged: true },
      },
    },
  });
  if (!client) return null;
  return {
    ...client,
    appointments: client.appointments.map((a) => ({
      id: a.id,
      startsAt: a.startsAt,
      state: stateOf(a),
      intakeId: a.intake?.id ?? null,
    })),
  };
}

export { APPOINTMENT_STATES };

export type ClientSuggestion = { id: string; fullName: string; email: string; sameEmail: boolean; sameDateOfBirth: boolean };

/**
 * Clients an intake sent without a link may belong to: those with the intake's email, and those
 * with an earlier intake of the same date of birth and name. Both at once first. Never a match made by the server on its own: the therapist chooses.
 */
export async function suggestClientsFor(intake: { email: string; dateOfBirth: string; fullNameSearch: string }, db: Db = getDb()): Promise<ClientSuggestion[]> {
  const email = intake.email.trim().toLowerCase();
  const found = await db.client.findMany({
    where: {
      OR: [
        { email },
        { intakes: { some: { dateOfBirth: intake.dateOfBirth, fullNameSearch: intake.fullNameSearch } } },
      ],
    },
    take: 10,
    orderBy: [{ fullName: "asc" }, { id: "asc" }],
    select: { id: true, fullName: true, email: true, intakes: { where: { dateOfBirth: intake.dateOfBirth }, take: 1, select: { id: true } } },
  });
  return found
    .map((c) => ({ id: c.id, fullName: c.fullName, email: c.email, sameEmail: c.email === email, sameDateOfBirth: c.intakes.length > 0 }))
    .sort((a, b) => Number(b.sameEmail && b.sameDateOfBirth) - Number(a.sameEmail && a.sameDateOfBirth));
}

/** Joins an intake that has no client to one; false if it has one already or either is gone. */
export async function attachIntakeToClient(intakeId: string, clientId: string, db: Db = getDb()): Promise<boolean> {
  const client = await db.client.findUnique({ where: { id: clientId }, select: { id: true } });
  if (!client) return false;
  const attached = await db.intake.updateMany({ where: { id: intakeId, clientId: null }, data: { clientId } });
  return attached.count === 1;
}
