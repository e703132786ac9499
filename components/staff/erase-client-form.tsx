"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import { FormError, PlainField } from "@/components/ui/fields";
import type { ActionResult } from "@/lib/action-result";

export type EraseState = ActionResult<null> | null;
type EraseAction = (previous: EraseState, formData: FormData) => Promise<EraseState>;

/**
 * "Delete client data", for the owner: says what will go, and asks for the client's name typed
 * out before anything is deleted. Cannot be undone (backups aside).
 */
export function EraseClientForm({
  clientId,
  fullName,
  intakes,
  appointments,
  action,
}: {
  clientId: string;
  fullName: string;
  intakes: number;
  appointments: number;
  action: EraseAction;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  const nameError = state && !state.ok ? state.fieldErrors?.confirmName : undefined;
  const formError = state && !state.ok ? state.formError : undefined;
  return (
    <section className="card danger-zone no-print" aria-labelledby="erase-heading">
      <h2 id="erase-heading">Delete client data</h2>
      <p>
        This deletes {fullName}&apos;s {intakes} intake(s), {appointments} appointment(s) with their links and drafts, and
        the client record, for good. The audit trail keeps that you did it, by id only. Backups still hold the data until
        they are replaced.
      </p>
      <form onSubmit={onSubmit}>
        <input type="hidden" name="clientId" value={clientId} />
        <PlainField id="confirm-name" label={`Type the client's name (${fullName}) to confirm`} error={nameError}>
          {(aria) => <input id="confirm-name" name="confirmName" autoComplete="off" {...aria} />}
        </PlainField>
        <FormError message={formError} />
        <button type="submit" className="danger" disabled={pending}>
          {pending ? "Deleting…" : "Delete client data"}
        </button>
      </form>
    </section>
  );
}
