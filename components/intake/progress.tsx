import { formStepTitle, type FormStep } from "@/lib/intake/form-steps";

/** Where the client is: "Step 2 of 6" and the list of steps, the current one marked. */
export function Progress({ steps, current }: { steps: FormStep[]; current: FormStep }) {
  const index = Math.max(0, steps.indexOf(current));
  return (
    <nav aria-label="Progress" className="progress">
      <p className="progress-count">
        Step {index + 1} of {steps.length}
      </p>
      <ol>
        {steps.map((id, i) => (
          <li key={id} aria-current={id === current ? "step" : undefined} className={i < index ? "done" : undefined}>
            {formStepTitle(id)}
          </li>
        ))}
      </ol>
    </nav>
  );
}
