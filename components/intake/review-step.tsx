import { AnswerSections } from "@/components/answer-sections";
import { describeAnswers } from "@/lib/intake/answers";
import type { IntakeFormValues, StepId } from "@/lib/intake/questionnaire";

/**
 * Every answer in words, each step with a Change button that goes back to it: a button of the
 * form, so that without JavaScript it posts "change:<step>" (lib/submissions/posted-steps.ts).
 */
export function ReviewStep({ values, onChange }: { values: IntakeFormValues; onChange: (step: StepId) => void }) {
  return (
    <div className="review">
      <p>Please check your answers. Use Change to correct anything, then press Submit intake.</p>
      <AnswerSections
        sections={describeAnswers(values)}
        headingLevel="h3"
        idPrefix="review"
        action={(step, title) => (
          <button
            type="submit"
            name="intent"
            value={`change:${step}`}
            className="link"
            onClick={(event) => {
              event.preventDefault();
              onChange(step);
            }}
          >
            Change<span className="visually-hidden"> {title.toLowerCase()}</span>
          </button>
        )}
      />
    </div>
  );
}
