"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { FormError, PlainField } from "@/components/ui/fields";
import type { ActionResult } from "@/lib/action-result";

export type Enrolment = { totpURI: string; secret: string; backupCodes: string[] };

/**
 * Setting up two-factor sign-in: the password, then the key for an authenticator app (typed in,
 * or opened as a link on the phone) and ten backup codes to keep, then one code from the app.
 */
export function TwoFactorSetup({
  start,
  confirm,
}: {
  start: (password: unknown) => Promise<ActionResult<Enrolment>>;
  confirm: (code: unknown) => Promise<ActionResult<null>>;
}) {
  const router = useRouter();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [errors, setErrors] = useState<{ password?: string; code?: string; form?: string }>({});
  const [isPending, startTransition] = useTransition();

  function run<T>(call: () => Promise<ActionResult<T>>, done: (data: T) => void) {
    setErrors({});
    startTransition(async () => {
      let result: ActionResult<T>;
      try {
        result = await call();
      } catch {
        setErrors({ form: "The clinic's server could not be reached. Check the connection and try again." });
        return;
      }
      if (result.ok) done(result.data);
      else setErrors({ password: result.fieldErrors?.password, code: result.fieldErrors?.code, form: result.formError });
    });
  }

  if (!enrolment) {
    return (
      <form
        className="card sign-in"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const password = new FormData(event.currentTarget).get("password");
          run(() => start(password), setEnrolment);
        }}
      >
        <FormError message={errors.form} />
        <PlainField id="two-factor-password" label="Password" error={errors.password}>
          {(aria) => <input id="two-factor-password" name="password" type="password" autoComplete="current-password" required {...aria} />}
        </PlainField>
        <button type="submit" disabled={isPending}>
          {isPending ? "Checking…" : "Continue"}
        </button>
      </form>
    );
  }

  return (
    <div className="card">
      <h2>1. Add this clinic to your authenticator app</h2>
      <p>
        In your authenticator app (such as Google Authenticator, Microsoft Authenticator or 1Password), add an account
        and type this key, or on your phone <a href={enrolment.totpURI}>open the key in your app</a>.
      </p>
      <p>
        Key: <strong className="code" data-testid="totp-secret">{enrolment.secret}</strong>
      </p>
      <h2>2. Keep your backup codes</h2>
      <p>If you lose your phone, each of these codes signs you in once. Print them or store them safely, away from your phone.</p>
      <ul className="backup-codes" aria-label="Backup codes">
        {enrolment.backupCodes.map((code) => (
          <li key={code} className="code">
            {code}
          </li>
        ))}
      </ul>
      <h2>3. Enter the code your app shows</h2>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const code = new FormData(event.currentTarget).get("code");
          run(() => confirm(code), () => router.push("/dashboard"));
        }}
      >
        <FormError message={errors.form} />
        <PlainField id="two-factor-code" label="Authentication code" error={errors.code}>
          {(aria) => <input id="two-factor-code" name="code" autoComplete="one-time-code" inputMode="numeric" maxLength={6} required {...aria} />}
        </PlainField>
        <button type="submit" disabled={isPending}>
          {isPending ? "Checking…" : "Turn on two-factor sign-in"}
        </button>
      </form>
    </div>
  );
}
