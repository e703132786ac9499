"use server";

import type { ActionResult } from "@/lib/action-result";
import { submitFromForm, type SubmittedIntake } from "@/lib/submissions/from-form";

/**
 * Public: anyone with the link may submit an intake, so nothing here trusts the caller. The same
 * schema as the form parses the answers again; the idempotency key (made when the form opened)
 * turns a double click or a retried request into one stored intake.
 */
export async function submitIntake(values: unknown, idempotencyKey: unknown): Promise<ActionResult<SubmittedIntake>> {
  return submitFromForm(values, idempotencyKey);
}
