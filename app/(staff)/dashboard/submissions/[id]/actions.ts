"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import type { ReviewState } from "@/components/staff/review-form";
import { clientAddress } from "@/lib/http/client-address";
import { requireTherapist } from "@/lib/auth/session";
import { recordAudit } from "@/lib/data/audit";
import { attachIntakeToClient } from "@/lib/data/clients";
import { acknowledgedByAny, getIntakeForReview, markIntakeReviewed } from "@/lib/data/intakes";
import { PRECAUTION_RULES_VERSION, notAcknowledged, precautionsFor } from "@/lib/intake/precautions";
import { MAX_TEXT } from "@/lib/intake/schema";
import { mustBeText } from "@/lib/intake/text";
import { errorKind, log } from "@/lib/log";

const reviewSchema = z.object({
  intakeId: z.string().min(1).max(40),
  note: z
    .string()
    .trim()
    .max(MAX_TEXT, `Keep the note under ${MAX_TEXT.toLocaleString("en")} characters`)
    .superRefine(mustBeText("text")),
  acknowledged: z.array(z.string().max(60)).max(100),
});


const NOT_FOUND: ReviewState = { ok: false, formError: "This intake could not be found." };

/**
 * Records the review. Refused until every "do not massage", "refer" and "avoid" item of the card,
 * worked out again here from the stored answers, has been acknowledged, in this review or an
 * earlier one (a second review comes when the rules changed since the first).
 */
export async function markReviewed(_previous: ReviewState, formData: FormData): Promise<ReviewState> {
  const therapist = await requireTherapist();
  if (!(formData instanceof FormData)) return NOT_FOUND;
  const parsed = reviewSchema.safeParse({
    intakeId: formData.get("intakeId"),
    note: formData.get("note") ?? "",
    acknowledged: formData.getAll("acknowledged"),
  });
  if (!parsed.success) {
    const note = parsed.error.issues.find((i) => i.path[0] === "note");
    return note ? { ok: false, fieldErrors: { note: note.message } } : NOT_FOUND;
  }
  const { intakeId, note, acknowledged } = parsed.data;
  try {
    const intake = await getIntakeForReview(intakeId);
    if (!intake) return NOT_FOUND;
    const earlier = acknowledgedByAny(intake.reviews);
    const required = notAcknowledged(precautionsFor(intake.answers), earlier);
    const missing = required.filter((id) => !acknowledged.includes(id));
    if (missing.length > 0) {
      return {
        ok: false,
        fieldErrors: {
          acknowledged: `Tick each precaution above to confirm you have read it: ${missing.length} of ${required.length} still to tick.`,
        },
      };
    }
    const result = await markIntakeReviewed(intakeId, {
      reviewerId: therapist.id,
      note,
      // What this review acknowledged; earlier reviews keep theirs.
      acknowledged: required,
      precautionsVersion: PRECAUTION_RULES_VERSION,
    });
    if (result === "not-found") return NOT_FOUND;
    if (result === "reviewed") {
      await recordAudit({ action: "intake_review", actorId: therapist.id, intakeId, ipAddress: clientAddress(await headers()) });
    }
  } catch (error) {
    log.error({ event: "intake.review_failed", err: errorKind(error) });
    return { ok: false, formError: "The review could not be saved just now. Please try again." };
  }
  revalidatePath(`/dashboard/submissions/${intakeId}`);
  return { ok: true, data: null };
}

const attachSchema = z.object({ intakeId: z.string().min(1).max(40), clientId: z.string().min(1).max(40) });

/**
 * Joins an intake sent without a personal link (a walk-in, the clinic's website) to a client the
 * therapist chose, so their next visit compares with it. Only an intake without a client.
 */
export async function attachToClient(formData: FormData): Promise<void> {
  const therapist = await requireTherapist();
  if (!(formData instanceof FormData)) return;
  const parsed = attachSchema.safeParse({ intakeId: formData.get("intakeId"), clientId: formData.get("clientId") });
  if (!parsed.success) return;
  const { intakeId, clientId } = parsed.data;
  try {
    if (await attachIntakeToClient(intakeId, clientId)) {
      await recordAudit({ action: "intake_attached", actorId: therapist.id, intakeId, ipAddress: clientAddress(await headers()) });
    }
  } catch (error) {
    log.error({ event: "intake.attach_failed", err: errorKind(error) });
    return;
  }
  revalidatePath(`/dashboard/submissions/${intakeId}`);
}
