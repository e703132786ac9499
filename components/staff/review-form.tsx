"use client";

import { useActionState } from "react";
import type { ReviewState } from "@/app/(staff)/dashboard/submissions/[id]/actions";
import { MAX_TEXT } from "@/lib/intake/schema";

type ReviewAction = (previous: ReviewState, formData: FormData) => Promise<ReviewState>;

export function ReviewForm({ intakeId, action }: { intakeId: string; action: ReviewAction }) {
  const [state, formAction, pending] = useActionState(action, null);
  const noteError = state && !state.ok ? state.fieldErrors?.note : undefined;
  const formError = state && !state.ok ? state.formError : undefined;
  return (
    <form action={formAction} className="review-form">
      <input type="hidden" name="intakeId" value={intakeId} />
      <div className={`field${noteError ? " has-error" : ""}`}>
        <label htmlFor="review-note">Note (optional)</label>
        {noteError ? (
          <p id="review-note-error" className="field-error" role="alert">
            {noteError}
          </p>
        ) : null}
        <textarea
          id="review-note"
          name="note"
          rows={3}
          maxLength={MAX_TEXT}
          aria-invalid={noteError ? true : undefined}
          aria-describedby={noteError ? "review-note-error" : undefined}
        />
      </div>
      {formError ? (
        <p className="form-error" role="alert">
          {formError}
        </p>
      ) : null}
      <button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Mark as reviewed"}
      </button>
    </form>
  );
}
