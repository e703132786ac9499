"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { clientAddress } from "@/lib/auth/client-address";
import { requireTherapist } from "@/lib/auth/session";
import { recordAudit } from "@/lib/data/audit";
import { markIntakeReviewed } from "@/lib/data/intakes";
import { MAX_TEXT } from "@/lib/intake/schema";
import { errorKind, log } from "@/lib/log";

const reviewSchema = z.object({
  intakeId: z.string().min(1).max(40),
  note: z.string().trim().max(MAX_TEXT, `Keep the note under ${MAX_TEXT.toLocaleString("en")} characters`),
});

export type ReviewState = ActionResult<null> | null;

export async function markReviewed(_previous: ReviewState, formData: FormData): Promise<ReviewState> {
  const therapist = await requireTherapist();
  const parsed = reviewSchema.safeParse({ intakeId: formData.get("intakeId"), note: formData.get("note") ?? "" });
  if (!parsed.success) {
    const note = parsed.error.issues.find((i) => i.path[0] === "note");
    return note ? { ok: false, fieldErrors: { note: note.message } } : { ok: false, formError: "This intake could not be found." };
  }
  try {
    const result = await markIntakeReviewed(parsed.data.intakeId, therapist.id, parsed.data.note);
    if (result === "not-found") return { ok: false, formError: "This intake could not be found." };
    if (result === "reviewed") {
      await recordAudit({
        action: "intake_review",
        actorId: therapist.id,
        intakeId: parsed.data.intakeId,
        ipAddress: clientAddress(await headers()),
      });
    }
  } catch (error) {
    log.error({ event: "intake.review_failed", err: errorKind(error) });
    return { ok: false, formError: "The review could not be saved just now. Please try again." };
  }
  revalidatePath(`/dashboard/submissions/${parsed.data.intakeId}`);
  return { ok: true, data: null };
}
