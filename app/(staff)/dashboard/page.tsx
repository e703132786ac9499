import type { Metadata } from "next";
import Link from "next/link";
import { AppointmentList } from "@/components/staff/appointment-list";
import { IntakeFilterForm } from "@/components/staff/intake-filters";
import { IntakeTable } from "@/components/staff/intake-table";
import { requireTherapist } from "@/lib/auth/session";
import {
  INTAKE_STATUSES,
  countIntakes,
  encodeCursor,
  listIntakes,
  type IntakeFilters,
  type PageCursor,
} from "@/lib/data/intakes";
import { appointmentWhen, localDateOf } from "@/lib/appointments/clinic-time";
import { APPOINTMENT_STATES, listAppointments } from "@/lib/data/appointments";
import { getEnv } from "@/lib/env";
import { filtersQuery, one, readFilters, type SearchParams } from "@/lib/http/intake-filters";

export const metadata: Metadata = { title: "Intakes" };

function pageHref(filters: IntakeFilters, cursor: PageCursor): string {
  const query = filtersQuery(filters);
  query.set(cursor.direction, encodeCursor(cursor));
  return `/dashboard?${query}`;
}

/** How far ahead the dashboard lists appointments. */
const APPOINTMENT_DAYS = 14;

export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireTherapist();
  const params = await searchParams;
  const { filters, cursor } = readFilters(params);
  const zone = getEnv().CLINIC_TIME_ZONE;
  const now = new Date();
  // Appointments head the page as it opens; once the therapist filters or pages the intakes, the
  // page is about those alone.
  const filtering = cursor !== null || ["q", "status", "from", "to", "flagged"].some((name) => one(params[name]) !== undefined);
  const [page, appointments] = await Promise.all([
    listIntakes(filters, cursor),
    filtering ? null : listAppointments(localDateOf(now, zone), localDateOf(new Date(now.getTime() + APPOINTMENT_DAYS * 86_400_000), zone)),
  ]);
  const empty = page.items.length === 0 && !cursor && (await countIntakes()) === 0;

  return (
    <div className="page wide">
      <h1>Intakes</h1>
      {one(params.notice) === "erased" ? (
        <p className="notice card" role="status">
          The client&apos;s data was deleted.
        </p>
      ) : null}
      <section className="appointments" aria-labelledby="appointments-heading">
        <div className="heading-row">
          <h2 id="appointments-heading">Appointments</h2>
          <Link className="button" href="/dashboard/appointments/new">
            New appointment
          </Link>
        </div>
        {appointments === null ? (
          <p>
            <Link href="/dashboard">Show the next {APPOINTMENT_DAYS} days&apos; appointments</Link>
          </p>
        ) : appointments.length === 0 ? (
          <p className="empty card">No appointments in the next {APPOINTMENT_DAYS} days.</p>
        ) : (
          <AppointmentList
            caption={`Appointments in the next ${APPOINTMENT_DAYS} days, soonest first`}
            rows={appointments.map((a) => ({
              id: a.id,
              when: appointmentWhen(a.startsAt, zone),
              client: a.client,
              stateLabel: APPOINTMENT_STATES[a.state],
              intakeId: a.intakeId,
            }))}
          />
        )}
      </section>

      <div className="heading-row">
        <h2>Submitted intakes</h2>
        {empty ? null : (
          // Every page of the list as filtered; a plain link, so it works without JavaScript.
          <a className="button secondary" href={`/api/exports/intakes.csv?${filtersQuery(filters)}`} download>
            Download CSV
          </a>
        )}
      </div>

      <IntakeFilterForm values={filters} statuses={INTAKE_STATUSES} />

      {empty ? (
        <div className="empty card">
          <h2>No intakes yet</h2>
          <p>
            Send your clients the link to the questionnaire before their appointment:{" "}
            <strong className="code-inline">{new URL("/intake", getEnv().BETTER_AUTH_URL).toString()}</strong>
          </p>
          <p>Each intake they submit appears here, soonest appointment first.</p>
        </div>
      ) : page.items.length === 0 ? (
        <p className="empty card" role="status">
          No intakes match these filters.{" "}
          {filters.from ? "Appointments before the From date are hidden: choose Show all dates to see them." : null}
        </p>
      ) : (
        <>
          <IntakeTable rows={page.items.map((item) => ({ ...item, statusLabel: INTAKE_STATUSES[item.status] }))} />
          <nav className="pager" aria-label="Pages">
            {page.previous ? <Link href={pageHref(filters, page.previous)}>← Previous</Link> : <span />}
            {page.next ? <Link href={pageHref(filters, page.next)}>Next →</Link> : null}
          </nav>
        </>
      )}
    </div>
  );
}
