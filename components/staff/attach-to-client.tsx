import Link from "next/link";

export type Suggestion = { id: string; fullName: string; email: string; sameEmail: boolean; sameDateOfBirth: boolean };

/**
 * An intake sent without a personal link belongs to no client yet. The clients it may belong to
 * (same email, or an earlier intake with the same date of birth), each with a button to attach
 * it. A plain form: it works without JavaScript.
 */
export function AttachToClient({ intakeId, suggestions, attach }: { intakeId: string; suggestions: Suggestion[]; attach: (formData: FormData) => Promise<void> }) {
  return (
    <section className="card no-print" aria-labelledby="attach-heading">
      <h2 id="attach-heading">Client</h2>
      <p>This intake was sent without a personal link, so it belongs to no client yet.</p>
      {suggestions.length === 0 ? (
        <p className="hint">No client has this email, or an earlier intake with this date of birth and name.</p>
      ) : (
        <ul className="client-matches">
          {suggestions.map((s) => (
            <li key={s.id}>
              <form action={attach}>
                <input type="hidden" name="intakeId" value={intakeId} />
                <input type="hidden" name="clientId" value={s.id} />
                <button type="submit" className="secondary">
                  Attach to {s.fullName}
                </button>{" "}
                <span className="hint">
                  ({s.email}; {[s.sameEmail ? "same email" : null, s.sameDateOfBirth ? "same date of birth" : null].filter(Boolean).join(", ")}) ·{" "}
                  <Link href={`/dashboard/clients/${s.id}`}>Client&apos;s page</Link>
                </span>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
