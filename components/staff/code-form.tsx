"use client";

import { useActionState } from "react";
import { FormError, PlainField } from "@/components/ui/fields";

export type CodeFormState = { formError?: string; fieldError?: string };
type CodeAction = (previous: CodeFormState, formData: FormData) => Promise<CodeFormState>;

/** One code to type: the authenticator app's six digits, or a backup code. Works without JavaScript. */
export function CodeForm({ action, kind, label, button, hint }: { action: CodeAction; kind: "totp" | "backup"; label: string; button: string; hint?: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  const id = `code-${kind}`;
  return (
    <form action={formAction} className="card sign-in" noValidate>
      <FormError message={state.formError} />
      <input type="hidden" name="kind" value={kind} />
      {hint ? <p className="hint">{hint}</p> : null}
      <PlainField id={id} label={label} error={state.fieldError}>
        {(aria) => (
          <input
            id={id}
            name="code"
            autoComplete="one-time-code"
            inputMode={kind === "totp" ? "numeric" : "text"}
            maxLength={40}
            required
            {...aria}
          />
        )}
      </PlainField>
      <button type="submit" disabled={pending}>
        {pending ? "Checking…" : button}
      </button>
    </form>
  );
}
