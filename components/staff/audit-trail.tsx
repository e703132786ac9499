import { formatDateTime } from "@/lib/intake/dates";

/** One line of the trail, in words: who did what, and when. */
export type AuditLine = { id: number; at: Date; who: string | null; what: string };

export function AuditTrail({ entries }: { entries: AuditLine[] }) {
  return (
    <section className="audit" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit trail</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>{formatDateTime(entry.at)}</td>
              <td>{entry.who ?? "Unknown"}</td>
              <td>{entry.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
