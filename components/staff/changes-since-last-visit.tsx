import { formatDate } from "@/lib/intake/dates";
import type { AnswerChange } from "@/lib/intake/questionnaire";

/**
 * For a returning client, after the precaution card: each answer added, removed or changed since
 * the last visit, old and new side by side (worked out by questionnaire.changesBetween).
 */
export function ChangesSinceLastVisit({ lastVisitDate, changes }: { lastVisitDate: string; changes: AnswerChange[] }) {
  return (
    <section className="card changes" aria-labelledby="changes-heading">
      <h2 id="changes-heading">Changed since the last visit</h2>
      <p className="hint">Last visit: {formatDate(lastVisitDate)}</p>
      {changes.length === 0 ? (
        <p>Nothing changed</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="group" aria-label="Answers that differ from the last visit">
          <table>
            <caption className="visually-hidden">Answers that differ from the last visit</caption>
            <thead>
              <tr>
                <th scope="col">Question</th>
                <th scope="col">Last visit</th>
                <th scope="col">Now</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.question}>
                  <th scope="row">{c.label}</th>
                  <td>{c.before ?? <span className="muted">Not asked</span>}</td>
                  <td>{c.after ?? <span className="muted">Not asked</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
