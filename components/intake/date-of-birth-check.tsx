"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import type { ActionResult } from "@/lib/action-result";
import { FormError, TextField } from "@/components/ui/fields";

export type ConfirmDateOfBirth = (dateOfBirth: unknown) => Promise<ActionResult<null>>;
/** The check posted by the browser itself, before or without JavaScript. */
export type PostDateOfBirth = (previous: ActionResult<null> | null, data: FormData) => Promise<ActionResult<null>>;

/**
 * A returning client confirms their date of birth before the form shows anything from their last
 * visit: the link alone (a forwarded email, a shared phone) is not enough to read health answers.
 * Before (or without) JavaScript the form posts to `post`; once it runs, the check is made here.
 */
export function DateOfBirthCheck({ confirm, post }: { confirm: ConfirmDateOfBirth; post: PostDateOfBirth }) {
  const router = useRouter();
  const [posted, postAction] = useActionState(post, null);
  const form = useForm<{ dateOfBirth: string }>({ defaultValues: { dateOfBirth: "" } });
  const [formError, setFormError] = useState<string | null>(posted && !posted.ok ? (posted.formError ?? null) : null);
  const [isPending, startTransition] = useTransition();
  const [postedError, setPostedError] = useState(posted && !posted.ok ? posted.fieldErrors?.dateOfBirth : undefined);
  const fieldError = form.formState.errors.dateOfBirth?.message ?? postedError;

  const onSubmit = form.handleSubmit(({ dateOfBirth }) => {
    setFormError(null);
    setPostedError(undefined);
    startTransition(async () => {
      let result: ActionResult<null>;
      try {
        result = await confirm(dateOfBirth);
      } catch {
        setFormError("We could not reach the clinic's server. Check your connection and try again.");
        return;
      }
      if (result.ok) {
        router.refresh();
        return;
      }
      const message = result.fieldErrors?.dateOfBirth;
      if (message) form.setError("dateOfBirth", { type: "server", message }, { shouldFocus: true });
      if (result.formError) setFormError(result.formError);
    });
  });

  return (
    <form className="intake-form card" action={postAction} noValidate onSubmit={onSubmit} aria-labelledby="dob-heading">
      <h2 id="dob-heading">Welcome back</h2>
      <p>
        Your answers from your last visit can fill in this form for you. To keep them private, please first confirm your
        date of birth.
      </p>
      <TextField
        label="Date of birth"
        type="date"
        autoComplete="bday"
        error={fieldError}
        registration={form.register("dateOfBirth", { required: "Enter your date of birth" })}
      />
      <FormError message={formError} />
      <div className="actions">
        <button type="submit" disabled={isPending}>
          {isPending ? "Checking…" : "Continue"}
        </button>
      </div>
    </form>
  );
}
