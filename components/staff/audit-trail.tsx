import { AUDIT_ACTIONS, type AuditEntry } from "@/lib/data/audit";
import { formatDateTime } from "@/lib/staff-format";

export function AuditTrail({ entries }: { entries: AuditEntry[] }) {
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
              <td>{entry.actorName ?? "Unknown"}</td>
              <td>{AUDIT_ACTIONS[entry.action] ?? entry.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
