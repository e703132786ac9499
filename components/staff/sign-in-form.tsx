"use client";

import { useActionState } from "react";
import { FormError, PlainField } from "@/components/ui/fields";

/** What the sign-in action answers: what to fix, and the email typed, to show again. */
export type SignInState = { formError?: string; fieldErrors?: { email?: string; password?: string }; email?: string };

type SignInAction = (previous: SignInState, formData: FormData) => Promise<SignInState>;

/** Works without JavaScript too: a plain form POST to the server action. */
export function SignInForm({ action }: { action: SignInAction }) {
  const [state, formAction, pending] = useActionState(action, {});
  const emailError = state.fieldErrors?.email;
  const passwordError = state.fieldErrors?.password;
  return (
    <form action={formAction} className="card sign-in" noValidate>
      <FormError message={state.formError} />
      <PlainField id="email" label="Email" error={emailError}>
        {(aria) => (
          <input id="email" name="email" type="email" autoComplete="username" required defaultValue={state.email} {...aria} />
        )}
      </PlainField>
      <PlainField id="password" label="Password" error={passwordError}>
        {(aria) => <input id="password" name="password" type="password" autoComplete="current-password" required {...aria} />}
      </PlainField>
      <button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
