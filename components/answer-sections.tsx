import type { ReactNode } from "react";
import type { AnswerSection } from "@/lib/intake/answers";
import type { StepId } from "@/lib/intake/questionnaire";

/**
 * Every answer, grouped as in the form: the client's review step and the therapist's submission
 * view. Text is rendered as text, never as HTML.
 */
export function AnswerSections({
  sections,
  headingLevel: Heading = "h2",
  idPrefix = "answers",
  action,
  changed,
}: {
  sections: AnswerSection[];
  headingLevel?: "h2" | "h3";
  idPrefix?: string;
  /** Something beside each section's heading, such as the client's Change button. */
  action?: (step: StepId, title: string) => ReactNode;
  /** Labels of the answers that changed since a returning client's last visit: marked in words. */
  changed?: ReadonlySet<string>;
}) {
  return (
    <div className="answers">
      {sections.map((section) => (
        <section key={section.step} aria-labelledby={`${idPrefix}-${section.step}`}>
          <div className="answers-head">
            <Heading id={`${idPrefix}-${section.step}`}>{section.title}</Heading>
            {action?.(section.step, section.title)}
          </div>
          <dl>
            {section.items.map((item) => (
              <div key={item.label}>
                <dt>{item.label}</dt>
                <dd>
                  {item.value}
                  {changed?.has(item.label) ? <span className="changed-mark"> (changed since the last visit)</span> : null}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
