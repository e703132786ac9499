"use server";

import { headers } from "next/headers";
import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import type { SubmittedIntake } from "@/components/intake/intake-form";
import { clientAddress } from "@/lib/http/client-address";
import { errorKind, log } from "@/lib/log";
import { submitIntakeAnswers } from "@/lib/submissions/submit";

const idempotencyKeySchema = z.uuid();

/**
 * Public: anyone with the link may submit an intake, so nothing here trusts the caller. The same
 * schema as the form parses the answers again; the idempotency key (made when the form opened)
 * turns a double click or a retried request into one stored intake.
 */
export async function submitIntake(
  values: unknown,
  idempotencyKey: unknown,
): Promise<ActionResult<SubmittedIntake>> {
  const key = idempotencyKeySchema.safeParse(idempotencyKey);
  if (!key.success) {
    return { ok: false, formError: "This form could not be sent. Reload the page and submit again." };
  }
  try {
    const address = clientAddress(await headers());
    const outcome = await submitIntakeAnswers({ values, idempotencyKey: key.data, address });
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
