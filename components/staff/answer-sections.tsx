import type { AnswerSection } from "@/lib/intake/answers";

/** Every answer, grouped as in the form. Text is rendered as text, never as HTML. */
export function AnswerSections({ sections }: { sections: AnswerSection[] }) {
  return (
    <div className="answers">
      {sections.map((section) => (
        <section key={section.step} aria-labelledby={`answers-${section.step}`}>
          <h2 id={`answers-${section.step}`}>{section.title}</h2>
          <dl>
            {section.items.map((item) => (
              <div key={item.label}>
                <dt>{item.label}</dt>
                <dd>{item.value}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
