"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
import { DOB_COOKIE, checkDateOfBirth, dobProofOf, saveLinkDraft } from "@/lib/appointments/personal-link";
import { clientCookieOptions } from "@/lib/http/client-cookie";
import { clientAddress } from "@/lib/http/client-address";
import { errorKind, log } from "@/lib/log";
import { takeStep, type StepState } from "@/lib/submissions/posted-steps";
import type { SubmittedIntake } from "@/lib/intake/form-steps";
import { draftRefusalMessage, linkDraftStore, submitThroughLink } from "@/lib/submissions/link-draft";

/**
 * Public: a personal link's actions. The token (bound by the page) is all the caller has: each
 * action finds its appointment by the token's hash and does nothing once the link is closed.
 */

/** A returning client's date of birth: right, and this browser may see the last visit's answers. */
export async function confirmDateOfBirth(token: string, dateOfBirth: unknown): Promise<ActionResult<null>> {
  try {
    const check = await checkDateOfBirth(token, dateOfBirth, clientAddress(await headers()));
    if (!check.ok) return check.field ? { ok: false, fieldErrors: { [check.field]: check.error } } : { ok: false, formError: check.error };
    (await cookies()).set(DOB_COOKIE, dobProofOf(check.appointmentId), clientCookieOptions("/i", 24 * 3600));
    return { ok: true, data: null };
  } catch (error) {
    log.error({ event: "link.dob_check_failed", err: errorKind(error) });
    return { ok: false, formError: "We could not check your date of birth just now. Please try again in a minute." };
  }
}

/** The same check posted by the browser itself (before or without JavaScript): on success, the form. */
export async function postDateOfBirth(token: string, _previous: ActionResult<null> | null, data: FormData): Promise<ActionResult<null>> {
  const result = await confirmDateOfBirth(token, data.get("dateOfBirth"));
  if (result.ok) redirect(`/i/${encodeURIComponent(token)}`);
  return result;
}

/** The answers so far, kept on the server as the client moves between steps; when they were saved. */
export async function saveDraft(token: string, step: unknown, values: unknown): Promise<ActionResult<{ savedAt: number }>> {
  try {
    const dobCookie = (await cookies()).get(DOB_COOKIE)?.value;
    const saved = await saveLinkDraft(token, step, values, dobCookie);
    return saved.ok ? { ok: true, data: { savedAt: saved.savedAt.getTime() } } : { ok: false, formError: draftRefusalMessage(saved.why) };
  } catch (error) {
    log.error({ event: "link.draft_failed", err: errorKind(error) });
    return { ok: false, formError: "Your answers could not be saved on the server just now; they are kept in this browser." };
  }
}

export async function submitLinkIntake(token: string, values: unknown, idempotencyKey: unknown): Promise<ActionResult<SubmittedIntake>> {
  return submitThroughLink(token, (await cookies()).get(DOB_COOKIE)?.value, values, idempotencyKey);
}

/** A step posted by the browser itself (before or without JavaScript): lib/submissions/posted-steps.ts. */
export async function postLinkStep(token: string, _previous: StepState | null, data: FormData): Promise<StepState | null> {
  return takeStep(linkDraftStore(token, (await cookies()).get(DOB_COOKIE)?.value), data);
}
