"use server";

import { cookies, headers } from "next/headers";
import type { ActionResult } from "@/lib/action-result";
import { DOB_COOKIE, checkDateOfBirth, dobProofOf, linkForSubmit, saveLinkDraft } from "@/lib/appointments/personal-link";
import { getEnv } from "@/lib/env";
import { clientAddress } from "@/lib/http/client-address";
import { errorKind, log } from "@/lib/log";
import { submitFromForm, type SubmittedIntake } from "@/lib/submissions/from-form";

/**
 * Public: a personal link's actions. The token (bound by the page) is all the caller has: each
 * action finds its appointment by the token's hash and does nothing once the link is closed.
 */

const CLOSED = "This link cannot be used any more: it has expired or its form was already sent. Please contact the clinic.";

/** A returning client's date of birth: right, and this browser may see the last visit's answers. */
export async function confirmDateOfBirth(token: string, dateOfBirth: unknown): Promise<ActionResult<null>> {
  try {
    const check = await checkDateOfBirth(token, dateOfBirth, clientAddress(await headers()));
    if (!check.ok) return check.field ? { ok: false, fieldErrors: { [check.field]: check.error } } : { ok: false, formError: check.error };
    (await cookies()).set(DOB_COOKIE, dobProofOf(check.appointmentId), {
      httpOnly: true,
      // Lax: sent when the client opens the link again from their email, never on another site's POST.
      sameSite: "lax",
      // Secure wherever the app is served over HTTPS (as production is); plain HTTP on localhost.
      secure: getEnv().BETTER_AUTH_URL.startsWith("https:"),
      path: "/i",
      maxAge: 24 * 3600,
    });
    return { ok: true, data: null };
  } catch (error) {
    log.error({ event: "link.dob_check_failed", err: errorKind(error) });
    return { ok: false, formError: "We could not check your date of birth just now. Please try again in a minute." };
  }
}

/** The answers so far, kept on the server as the client moves between steps. */
export async function saveDraft(token: string, step: unknown, values: unknown): Promise<ActionResult<null>> {
  try {
    const dobCookie = (await cookies()).get(DOB_COOKIE)?.value;
    return (await saveLinkDraft(token, step, values, dobCookie)) ? { ok: true, data: null } : { ok: false, formError: CLOSED };
  } catch (error) {
    log.error({ event: "link.draft_failed", err: errorKind(error) });
    return { ok: false, formError: "Your answers could not be saved on the server just now; they are kept in this browser." };
  }
}

export async function submitLinkIntake(token: string, values: unknown, idempotencyKey: unknown): Promise<ActionResult<SubmittedIntake>> {
  let link: Awaited<ReturnType<typeof linkForSubmit>>;
  try {
    link = await linkForSubmit(token, (await cookies()).get(DOB_COOKIE)?.value);
  } catch (error) {
    log.error({ event: "intake.submit_failed", err: errorKind(error) });
    return { ok: false, formError: "We could not save your answers just now. They are still here: please try again in a minute." };
  }
  // A second press after the first went through: the first one's reference.
  if (link.kind === "used") return { ok: true, data: { reference: link.reference, seeDoctorToday: [] } };
  if (link.kind === "needs-date-of-birth") return { ok: false, formError: "Please reload this page and confirm your date of birth first: your answers are kept." };
  if (link.kind !== "open") return { ok: false, formError: CLOSED };
  return submitFromForm(values, idempotencyKey, { appointmentId: link.appointmentId, clientId: link.clientId });
}
