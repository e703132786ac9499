"use client";

import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { FormError, TextField } from "@/components/ui/fields";
import type { ActionResult } from "@/lib/action-result";

export type AddedTherapist = { link: string; email: string; emailed: boolean; emailProblem: string | null };

/** "Add a therapist": name and email; the answer is their one-time set-password link, emailed. */
export function AddTeamMemberForm({ add }: { add: (values: unknown) => Promise<ActionResult<AddedTherapist>> }) {
  const form = useForm<{ name: string; email: string }>({ defaultValues: { name: "", email: "" } });
  const [added, setAdded] = useState<AddedTherapist | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    setAdded(null);
    startTransition(async () => {
      let result: ActionResult<AddedTherapist>;
      try {
        result = await add(values);
      } catch {
        setFormError("The clinic's server could not be reached. Check the connection and try again.");
        return;
      }
      if (result.ok) {
        setAdded(result.data);
        form.reset();
        return;
      }
      for (const [name, message] of Object.entries(result.fieldErrors ?? {})) form.setError(name as "name" | "email", { type: "server", message }, { shouldFocus: true });
      if (result.formError) setFormError(result.formError);
    });
  });

  return (
    <>
      {added ? (
        <div className="card" role="status">
          <p>
            {added.emailed
              ? `The account was made and ${added.email} was sent a link to set their password.`
              : `The account was made, but the email was not sent: ${added.emailProblem} Give them this link yourself.`}
          </p>
          <p>
            One-time link (72 hours): <span className="code-inline">{added.link}</span>
          </p>
        </div>
      ) : null}
      <form className="card staff-form" noValidate onSubmit={onSubmit}>
        <TextField label="Name" autoComplete="off" error={errors.name?.message} registration={form.register("name", { required: "Give the therapist's name" })} />
        <TextField label="Email" type="email" autoComplete="off" error={errors.email?.message} registration={form.register("email", { required: "Give the therapist's email" })} />
        <FormError message={formError} />
        <button type="submit" disabled={isPending}>
          {isPending ? "Adding…" : "Add therapist"}
        </button>
      </form>
    </>
  );
}
