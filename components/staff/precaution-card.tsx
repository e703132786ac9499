import { SOURCE_PAGE } from "@/lib/intake/precaution-sources";
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
 * symbol and border (not colour alone), each item with the answers behind it and its published
 * source. Before review, each stop, refer and avoid item has a box the therapist ticks; it belongs
 * to the review form (`form` attribute), wherever that form is. When the rules changed after the
 * review, the items no review acknowledged are listed first and asked for again.
 */
export function PrecautionCard({
  precautions,
  reviewFormId,
  acknowledged = [],
  changedSinceReview = [],
}: {
  precautions: Precaution[];
  /** Set while the intake awaits review (a first one, or again after the rules changed). */
  reviewFormId?: string;
  /** What earlier reviews acknowledged. */
  acknowledged?: string[];
  /** Reviewed, but the current rules raise these stop, refer or avoid items no review acknowledged. */
  changedSinceReview?: string[];
}) {
  const serious = precautions.filter((p) => p.level !== "always");
  const changed = precautions.filter((p) => changedSinceReview.includes(p.id));
  return (
    <section className="precautions" aria-labelledby="precautions-heading">
      <h2 id="precautions-heading">Precautions</h2>
      {changed.length > 0 ? (
        <div className="rules-changed" role="note" aria-labelledby="rules-changed-heading">
          <h3 id="rules-changed-heading">
            <span aria-hidden="true" className="symbol">
              ↻
            </span>{" "}
            Rules changed since this review
          </h3>
          <p>
            The precaution rules were updated after this intake was reviewed, and these items were not acknowledged
            then. Read each one below, tick it, and mark the intake reviewed again.
          </p>
          <ul>
            {changed.map((p) => (
              <li key={p.id}>
                <strong>{LEVELS[p.level].title}:</strong> {p.instruction}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
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
                  <p className="source">
                    Source:{" "}
                    {p.sources.map((source, i) => (
                      <span key={source.url}>
                        {i > 0 ? "; " : null}
                        <a href={source.url} rel="noreferrer">
                          {source.citation}
                        </a>
                      </span>
                    ))}
                  </p>
                  {changedSinceReview.includes(p.id) ? <p className="new-rule">New since the last review</p> : null}
                  {MUST_ACKNOWLEDGE.includes(level) && reviewFormId && !acknowledged.includes(p.id) ? (
                    <label className="choice acknowledge">
                      <input type="checkbox" name="acknowledged" value={p.id} form={reviewFormId} />
                      <span>
                        Read and understood<span className="visually-hidden">: {p.instruction}</span>
                      </span>
                    </label>
                  ) : null}
                  {MUST_ACKNOWLEDGE.includes(level) && acknowledged.includes(p.id) ? (
                    <p className="acknowledged">✓ Acknowledged at review</p>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      <p className="source-page no-print">
        <a href={SOURCE_PAGE}>How the card decides, and its sources</a>
      </p>
    </section>
  );
}
