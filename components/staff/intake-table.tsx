import Link from "next/link";
import { formatDate, formatDateTime } from "@/lib/intake/dates";

export type IntakeRow = {
  id: string;
  fullName: string;
  appointmentDate: string;
  createdAt: Date;
  status: string;
  statusLabel: string;
  reference: string;
  stopCount: number;
  referCount: number;
  avoidCount: number;
  /** Reviewed, but the rules changed since and raise items the review did not acknowledge. */
  rulesChanged: boolean;
};

/** One page of intakes: who, when, status and the serious precautions, each linking to the intake. */
export function IntakeTable({ rows }: { rows: IntakeRow[] }) {
  return (
    <div className="table-wrap">
      <table className="intakes">
        <caption className="visually-hidden">Intakes, soonest appointment first</caption>
        <thead>
          <tr>
            <th scope="col">Client</th>
            <th scope="col">Appointment</th>
            <th scope="col">Submitted</th>
            <th scope="col">Status</th>
            <th scope="col">Precautions</th>
            <th scope="col">Reference</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((item) => (
            <tr key={item.id}>
              <th scope="row">
                <Link href={`/dashboard/submissions/${item.id}`}>{item.fullName}</Link>
              </th>
              <td>{formatDate(item.appointmentDate)}</td>
              <td>{formatDateTime(item.createdAt)}</td>
              <td>
                <span className={`status status-${item.status}`}>{item.statusLabel}</span>
                {item.rulesChanged ? <span className="rules-changed-flag">Rules changed since this review</span> : null}
              </td>
              <td>
                <Flags item={item} />
              </td>
              <td className="mono">{item.reference}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The most serious precautions of an intake, in words (and a symbol), never colour alone. */
function Flags({ item }: { item: { stopCount: number; referCount: number; avoidCount: number } }) {
  const parts = [
    item.stopCount > 0 && { key: "stop", text: `${item.stopCount} do not massage` },
    item.referCount > 0 && { key: "refer", text: `${item.referCount} refer` },
    item.avoidCount > 0 && { key: "avoid", text: `${item.avoidCount} avoid` },
  ].filter((p): p is { key: string; text: string } => Boolean(p));
  if (parts.length === 0) return <span className="muted">None serious</span>;
  return (
    <ul className="flags">
      {parts.map((p) => (
        <li key={p.key} className={`flag flag-${p.key}`}>
          {p.text}
        </li>
      ))}
    </ul>
  );
}
