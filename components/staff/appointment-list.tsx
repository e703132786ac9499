import Link from "next/link";

export type AppointmentRow = {
  id: string;
  /** Date and time in the clinic's time zone, in words. */
  when: string;
  client: { id: string; fullName: string };
  stateLabel: string;
  intakeId: string | null;
};

/** Appointments by date and time, each with where the client's intake stands. */
export function AppointmentList({ rows, caption }: { rows: AppointmentRow[]; caption: string }) {
  return (
    <div className="table-wrap" tabIndex={0} role="group" aria-label={caption}>
      <table className="intakes appointments-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Client</th>
            <th scope="col">Intake</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{row.when}</td>
              <th scope="row">
                <Link href={`/dashboard/clients/${row.client.id}`}>{row.client.fullName}</Link>
              </th>
              <td>
                <span className="state-badge">{row.stateLabel}</span>
                {row.intakeId ? (
                  <>
                    {" "}
                    <Link href={`/dashboard/submissions/${row.intakeId}`}>Open intake</Link>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
