import "server-only";
import { headers } from "next/headers";
import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { clientAddress } from "@/lib/http/client-address";
import { errorKind, log } from "@/lib/log";
import type { SubmittedIntake } from "@/lib/intake/form-steps";
import { submitIntakeAnswers } from "./submit";

const idempotencyKeySchema = z.uuid();

/**
 * A submit from the web form (the public one or a personal link's), as a server action answers
 * it: the idempotency key checked, the outcome in words the client can act on, never a throw.
 */
export async function submitFromForm(
  values: unknown,
  idempotencyKey: unknown,
  link?: { appointmentId: string; clientId: string },
): Promise<ActionResult<SubmittedIntake>> {
  const key = idempotencyKeySchema.safeParse(idempotencyKey);
  if (!key.success) {
    return { ok: false, formError: "This form could not be sent. Reload the page and submit again." };
  }
  try {
    const address = clientAddress(await headers());
    const outcome = await submitIntakeAnswers({ values, idempotencyKey: key.data, address, ...(link ? { link } : {}) });
    switch (outcome.kind) {
      case "created":
      case "duplicate":
        return { ok: true, data: { reference: outcome.reference, seeDoctorToday: outcome.seeDoctorToday } };
      case "invalid":
        return { ok: false, fieldErrors: outcome.fieldErrors, ...(outcome.formError ? { formError: outcome.formError } : {}) };
      case "rate-limited":
        return {
          ok: false,
          formError: `Too many forms were sent from your connection. Your answers are kept: please try again in ${Math.ceil(outcome.retryAfterSeconds / 60)} minute(s).`,
        };
    }
  } catch (error) {
    log.error({ event: "intake.submit_failed", err: errorKind(error) });
    return {
      ok: false,
      formError: "We could not save your answers just now. They are still here: please try again in a minute.",
    };
  }
}
