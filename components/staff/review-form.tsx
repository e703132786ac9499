"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import { FormError, PlainField } from "@/components/ui/fields";
import type { ActionResult } from "@/lib/action-result";
import { MAX_TEXT } from "@/lib/intake/questionnaire";

/** What the review action answers: nothing yet, saved, or what to fix. */
export type ReviewState = ActionResult<null> | null;

type ReviewAction = (previous: ReviewState, formData: FormData) => Promise<ReviewState>;

/** The precaution card's "Read and understood" boxes belong to this form through its id. */
export const REVIEW_FORM_ID = "review-form";

export function ReviewForm({ intakeId, action, toAcknowledge }: { intakeId: string; action: ReviewAction; toAcknowledge: number }) {
  const [state, formAction, pending] = useActionState(action, null);
  // Submitted by hand rather than through <form action>: React resets a form after its action
  // runs, which would untick the acknowledgements and empty the note when the review is refused.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  const noteError = state && !state.ok ? state.fieldErrors?.note : undefined;
  const acknowledgeError = state && !state.ok ? state.fieldErrors?.acknowledged : undefined;
  const formError = state && !state.ok ? state.formError : undefined;
  return (
    <form id={REVIEW_FORM_ID} onSubmit={onSubmit} className="review-form">
      {toAcknowledge > 0 ? (
        <p className="hint">
          Tick &quot;Read and understood&quot; on each of the {toAcknowledge} precautions above that must be acknowledged
          before you mark the intake reviewed.
        </p>
      ) : null}
      <input type="hidden" name="intakeId" value={intakeId} />
      <PlainField id="review-note" label="Note (optional)" error={noteError}>
        {(aria) => <textarea id="review-note" name="note" rows={3} maxLength={MAX_TEXT} {...aria} />}
      </PlainField>
      <FormError message={acknowledgeError} />
      <FormError message={formError} />
      <button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Mark as reviewed"}
      </button>
    </form>
  );
}
