import { LEVELS, LEVEL_ORDER, MUST_ACKNOWLEDGE, type Precaution } from "@/lib/intake/precautions";

const SYMBOL: Record<keyof typeof LEVELS, string> = {
  stop: "⛔",
  refer: "⚕",
  avoid: "⚠",
  modify: "✎",
  products: "●",
  always: "✓",
};

/**
 * The card at the top of a submission: most serious level first, each level with its own heading,
 * symbol and border (not colour alone). Before review, each stop, refer and avoid item has a box
 * the therapist ticks; it belongs to the review form (`form` attribute), wherever that form is.
 */
export function PrecautionCard({
  precautions,
  reviewFormId,
  acknowledged,
}: {
  precautions: Precaution[];
  /** Set while the intake awaits review. */
  reviewFormId?: string;
  /** After review: what the reviewer acknowledged. */
  acknowledged?: string[];
}) {
  const serious = precautions.filter((p) => p.level !== "always");
  return (
    <section className="precautions" aria-labelledby="precautions-heading">
      <h2 id="precautions-heading">Precautions</h2>
      {serious.length === 0 ? (
        <p className="all-clear">Nothing in the answers calls for a precaution. Follow the usual care below.</p>
      ) : null}
      {LEVEL_ORDER.map((level) => {
        const items = precautions.filter((p) => p.level === level);
        if (items.length === 0) return null;
        return (
          <div key={level} className={`level level-${level}`}>
            <h3>
              <span aria-hidden="true" className="symbol">
                {SYMBOL[level]}
              </span>{" "}
              {LEVELS[level].title}
              <span className="level-hint"> {LEVELS[level].hint}</span>
            </h3>
            <ul>
              {items.map((p) => (
                <li key={p.id} data-precaution={p.id}>
                  <p className="instruction">{p.instruction}</p>
                  <p className="because">Because: {p.because.join("; ")}</p>
                  {MUST_ACKNOWLEDGE.includes(level) && reviewFormId ? (
                    <label className="choice acknowledge">
                      <input type="checkbox" name="acknowledged" value={p.id} form={reviewFormId} />
                      <span>
                        Read and understood<span className="visually-hidden">: {p.instruction}</span>
                      </span>
                    </label>
                  ) : null}
                  {MUST_ACKNOWLEDGE.includes(level) && acknowledged?.includes(p.id) ? (
                    <p className="acknowledged">✓ Acknowledged at review</p>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
