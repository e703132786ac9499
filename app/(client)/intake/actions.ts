"use server";

import type { ActionResult } from "@/lib/action-result";
import { takeStep, type StepState } from "@/lib/submissions/posted-steps";
import type { SubmittedIntake } from "@/lib/intake/form-steps";
import { submitFromForm } from "@/lib/submissions/from-form";
import { finishPublicDraft, publicDraftStore } from "@/lib/submissions/public-draft";
import { errorKind, log } from "@/lib/log";

/**
 * Public: anyone with the link may submit an intake, so nothing here trusts the caller. The same
 * schema as the form parses the answers again; the idempotency key (made when the form opened)
 * turns a double click or a retried request into one stored intake.
 */
export async function submitIntake(values: unknown, idempotencyKey: unknown): Promise<ActionResult<SubmittedIntake>> {
  const result = await submitFromForm(values, idempotencyKey);
  // Steps posted before the enhanced form took over left a draft on the server: not needed now.
  if (result.ok) await finishPublicDraft().catch((error: unknown) => log.error({ event: "intake.draft_failed", err: errorKind(error) }));
  return result;
}

/** A step posted by the browser itself (before or without JavaScript): lib/submissions/posted-steps.ts. */
export async function postIntakeStep(_previous: StepState | null, data: FormData): Promise<StepState | null> {
  return takeStep(publicDraftStore(), data);
}
