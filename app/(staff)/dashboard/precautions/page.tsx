import type { Metadata } from "next";
import Link from "next/link";
import { requireTherapist } from "@/lib/auth/session";
import { LEVELS, LEVEL_ORDER, PRECAUTION_RULES_VERSION, RULE_LIST } from "@/lib/intake/precautions";
import { SOURCES } from "@/lib/intake/precaution-sources";

export const metadata: Metadata = { title: "How the precaution card decides" };

/**
 * Every rule of the precaution card, by level, with the guidance it follows: what a therapist
 * reads to know why the card says what it says. Made from the rules themselves, so it cannot drift.
 */
export default async function PrecautionRulesPage() {
  await requireTherapist();
  return (
    <article className="page wide rules-page">
      <p className="back">
        <Link href="/dashboard">← All intakes</Link>
      </p>
      <h1>How the precaution card decides</h1>
      <p>
        The card is worked out from the client&apos;s answers by fixed rules (version {PRECAUTION_RULES_VERSION}), each
        following published guidance. The card shows, under each item, the answers that raised it and its source.
      </p>
      {LEVEL_ORDER.map((level) => (
        <section key={level} aria-labelledby={`rules-${level}`}>
          <h2 id={`rules-${level}`}>{LEVELS[level].title}</h2>
          <ul className="rule-list">
            {RULE_LIST.filter((r) => r.level === level).map((rule) => (
              <li key={rule.id}>
                <p className="instruction">{rule.instruction}</p>
                <p className="source">Source: {rule.sources.map((s) => s.citation).join("; ")}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <section aria-labelledby="sources-heading">
        <h2 id="sources-heading">Sources</h2>
        <dl className="sources">
          {Object.entries(SOURCES).map(([id, source]) => (
            <div key={id} id={id === "clinic" ? "clinic-guidance" : `source-${id}`}>
              <dt>{id === "clinic" ? source.citation : <a href={source.url}>{source.citation}</a>}</dt>
              <dd>{source.says}</dd>
            </div>
          ))}
        </dl>
      </section>
    </article>
  );
}
