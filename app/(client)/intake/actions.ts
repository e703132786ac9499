"use server";

import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { createIntake } from "@/lib/data/intakes";
import { intakeSchema, toValidationErrors } from "@/lib/intake/schema";
import { errorKind, log } from "@/lib/log";

const idempotencyKeySchema = z.uuid();

/**
 * Public: anyone with the link may submit an intake, so nothing here trusts the caller. The same
 * schema as the form parses the answers again; the idempotency key (made when the form opened)
 * turns a double click or a retried request into one stored intake.
 */
export async function submitIntake(
  values: unknown,
  idempotencyKey: unknown,
): Promise<ActionResult<{ reference: string }>> {
  const key = idempotencyKeySchema.safeParse(idempotencyKey);
  if (!key.success) {
    return { ok: false, formError: "This form could not be sent. Reload the page and submit again." };
  }
  const parsed = intakeSchema.safeParse(values);
  if (!parsed.success) return { ok: false, ...toValidationErrors(parsed.error) };

  try {
    const created = await createIntake(parsed.data, key.data);
    log.info({ event: "intake.submitted", intakeId: created.id, duplicate: created.duplicate });
    return { ok: true, data: { reference: created.reference } };
  } catch (error) {
    log.error({ event: "intake.submit_failed", err: errorKind(error) });
    return {
      ok: false,
      formError: "We could not save your answers just now. They are still here: please try again in a minute.",
    };
  }
}
