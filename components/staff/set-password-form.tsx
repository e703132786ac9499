"use client";

import { useActionState } from "react";
import { FormError, PlainField } from "@/components/ui/fields";

export type SetPasswordFormState = { formError?: string; fieldErrors?: { password?: string; repeat?: string } };

/** A new therapist's password, from their one-time link. Works without JavaScript. */
export function SetPasswordForm({ action, minLength }: { action: (previous: SetPasswordFormState, formData: FormData) => Promise<SetPasswordFormState>; minLength: number }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="card sign-in" noValidate>
      <FormError message={state.formError} />
      <PlainField id="new-password" label="New password" error={state.fieldErrors?.password}>
        {(aria) => <input id="new-password" name="password" type="password" autoComplete="new-password" minLength={minLength} required {...aria} />}
      </PlainField>
      <PlainField id="repeat-password" label="Repeat the password" error={state.fieldErrors?.repeat}>
        {(aria) => <input id="repeat-password" name="repeat" type="password" autoComplete="new-password" required {...aria} />}
      </PlainField>
      <button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Set password"}
      </button>
    </form>
  );
}
