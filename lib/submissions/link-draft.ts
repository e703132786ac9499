import "server-only";
import { createHmac } from "node:crypto";
import type { ActionResult } from "@/lib/action-result";
import { linkForSubmit, linkPage, saveLinkDraft, type DraftRefusal } from "@/lib/appointments/personal-link";
import { getEnv } from "@/lib/env";
import { errorKind, log } from "@/lib/log";
import type { SubmittedIntake } from "@/lib/intake/form-steps";
import { submitFromForm } from "./from-form";
import { TOO_LONG, type DraftStore } from "./posted-steps";

/**
 * A personal link's form, sent by the enhanced form (app/(client)/i/[token]/actions.ts) or step by
 * step by posts (posted-steps.ts): the link's own draft on the server, and a submit that belongs to
 * the link's appointment and client. The token (from the page's address) is all the caller has.
 */

export const LINK_CLOSED = "This link cannot be used any more: it has expired or its form was already sent. Please contact the clinic.";
const CONFIRM_FIRST = "Please reload this page and confirm your date of birth first: your answers are kept.";

/** A refused save of a link's draft, in the client's words. */
export function draftRefusalMessage(why: DraftRefusal): string {
  switch (why) {
    case "closed":
      return LINK_CLOSED;
    case "needs-date-of-birth":
      return CONFIRM_FIRST;
    case "too-large":
      return TOO_LONG;
    case "invalid":
      return "Your answers could not be read. Please reload the page: what was saved before is kept.";
  }
}

/** The intake sent through a link, while it may be used; a second send answers the first's reference. */
export async function submitThroughLink(
  token: string,
  dobCookie: string | undefined,
  values: unknown,
  idempotencyKey: unknown,
): Promise<ActionResult<SubmittedIntake>> {
  let link: Awaited<ReturnType<typeof linkForSubmit>>;
  try {
    link = await linkForSubmit(token, dobCookie);
  } catch (error) {
    log.error({ event: "intake.submit_failed", err: errorKind(error) });
    return { ok: false, formError: "We could not save your answers just now. They are still here: please try again in a minute." };
  }
  if (link.kind === "used") return { ok: true, data: { reference: link.reference, seeDoctorToday: [] } };
  if (link.kind === "needs-date-of-birth") return { ok: false, formError: CONFIRM_FIRST };
  if (link.kind !== "open") return { ok: false, formError: LINK_CLOSED };
  return submitFromForm(values, idempotencyKey, { appointmentId: link.appointmentId, clientId: link.clientId });
}

/**
 * The idempotency key of a link's posted form: one per appointment (a link stores one intake), in
 * the shape of a random UUID so the submit takes it like the enhanced form's. An HMAC under the
 * server's secret: the appointment's id is no secret, and a key someone could work out could be
 * used first by a public submit, making the client's look like its repeat.
 */
function idempotencyKeyOf(appointmentId: string): string {
  const hex = createHmac("sha256", getEnv().BETTER_AUTH_SECRET).update(`link-intake\u0000${appointmentId}`, "utf8").digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function linkDraftStore(token: string, dobCookie: string | undefined): DraftStore {
  return {
    page: `/i/${encodeURIComponent(token)}`,
    async read() {
      const page = await linkPage(token, dobCookie);
      if (page.kind !== "form") return null;
      return { step: page.start.step ?? "about", answers: page.start.values, idempotencyKey: idempotencyKeyOf(page.appointmentId) };
    },
    async save(step, answers) {
      const saved = await saveLinkDraft(token, step, answers, dobCookie);
      return saved.ok ? null : draftRefusalMessage(saved.why);
    },
    submit: (values, idempotencyKey) => submitThroughLink(token, dobCookie, values, idempotencyKey),
    // Storing the intake removed the link's draft.
    finish: async () => undefined,
  };
}
