"use client";

import { useActionState } from "react";
import type { SignInState } from "@/app/login/actions";

type SignInAction = (previous: SignInState, formData: FormData) => Promise<SignInState>;

/** Works without JavaScript too: a plain form POST to the server action. */
export function SignInForm({ action }: { action: SignInAction }) {
  const [state, formAction, pending] = useActionState(action, {});
  const emailError = state.fieldErrors?.email;
  const passwordError = state.fieldErrors?.password;
  return (
    <form action={formAction} className="card sign-in" noValidate>
      {state.formError ? (
        <p className="form-error" role="alert">
          {state.formError}
        </p>
      ) : null}
      <div className={`field${emailError ? " has-error" : ""}`}>
        <label htmlFor="email">Email</label>
        {emailError ? (
          <p id="email-error" className="field-error" role="alert">
            {emailError}
          </p>
        ) : null}
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? "email-error" : undefined}
        />
      </div>
      <div className={`field${passwordError ? " has-error" : ""}`}>
        <label htmlFor="password">Password</label>
        {passwordError ? (
          <p id="password-error" className="field-error" role="alert">
            {passwordError}
          </p>
        ) : null}
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={passwordError ? true : undefined}
          aria-describedby={passwordError ? "password-error" : undefined}
        />
      </div>
      <button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
