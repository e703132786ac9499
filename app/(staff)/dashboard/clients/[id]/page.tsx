import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AppointmentList } from "@/components/staff/appointment-list";
import { EraseClientForm } from "@/components/staff/erase-client-form";
import { requireTherapist } from "@/lib/auth/session";
import { erasurePreview } from "@/lib/data/retention";
import { isOwner } from "@/lib/data/therapists";
import { APPOINTMENT_STATES, clientWithHistory } from "@/lib/data/clients";
import { INTAKE_STATUSES, type IntakeStatus } from "@/lib/data/intakes";
import { appointmentWhen } from "@/lib/appointments/clinic-time";
import { eraseClientData } from "./actions";
import { getEnv } from "@/lib/env";
import { formatDate, formatDateTime } from "@/lib/intake/dates";

export const metadata: Metadata = { title: "Client" };

/** One client: their appointments and their intakes, newest first. */
export default async function ClientPage({ params }: { params: Promise<{ id: string }> }) {
  const therapist = await requireTherapist();
  const { id } = await params;
  const client = typeof id === "string" && id.length <= 40 ? await clientWithHistory(id) : null;
  if (!client) notFound();
  const zone = getEnv().CLINIC_TIME_ZONE;
  // Only the owner is offered erasure (and only the owner's request is carried out: see the action).
  const erasure = (await isOwner(therapist.id)) ? await erasurePreview(client.id) : null;
  return (
    <article className="page wide">
      <p className="back">
        <Link href="/dashboard">← Dashboard</Link>
      </p>
      <h1>{client.fullName}</h1>
      <dl className="meta">
        <div>
          <dt>Email</dt>
          <dd>{client.email}</dd>
        </div>
        {client.phone ? (
          <div>
            <dt>Phone</dt>
            <dd>{client.phone}</dd>
          </div>
        ) : null}
      </dl>
      <section aria-labelledby="client-appointments">
        <h2 id="client-appointments">Appointments</h2>
        {client.appointments.length === 0 ? (
          <p className="empty card">No appointments.</p>
        ) : (
          <AppointmentList
            caption="This client's appointments, newest first"
            rows={client.appointments.map((a) => ({
              id: a.id,
              when: appointmentWhen(a.startsAt, zone),
              client: { id: client.id, fullName: client.fullName },
              stateLabel: APPOINTMENT_STATES[a.state],
              intakeId: a.intakeId,
            }))}
          />
        )}
      </section>
      <section aria-labelledby="client-intakes">
        <h2 id="client-intakes">Intakes</h2>
        {client.intakes.length === 0 ? (
          <p className="empty card">No intakes yet.</p>
        ) : (
          <ul className="client-intakes">
            {client.intakes.map((intake) => (
              <li key={intake.id}>
                <Link href={`/dashboard/submissions/${intake.id}`}>Intake for {formatDate(intake.appointmentDate)}</Link> · sent{" "}
                {formatDateTime(intake.createdAt)} · {INTAKE_STATUSES[intake.status as IntakeStatus] ?? intake.status}
                {intake.flagged ? " · needs attention" : ""} · <span className="mono">{intake.reference}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>
        <Link href="/dashboard/appointments/new">New appointment</Link>
      </p>
      {erasure ? (
        <EraseClientForm
          clientId={erasure.id}
          fullName={erasure.fullName}
          intakes={erasure.intakes}
          appointments={erasure.appointments}
          action={eraseClientData}
        />
      ) : null}
    </article>
  );
}
