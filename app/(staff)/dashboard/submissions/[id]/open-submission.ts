import { headers } from "next/headers";
import { requireTherapist } from "@/lib/auth/session";
import { listAuditForIntake, recordAudit } from "@/lib/data/audit";
import { getIntakeForReview, previousIntakeOf } from "@/lib/data/intakes";
import { clientAddress } from "@/lib/http/client-address";

/**
 * What the submission page reads, in the order that matters: the session first, then the intake,
 * then the view written to the audit trail before anything is shown. Null for an unknown id.
 */
export async function openSubmission(id: string) {
  const therapist = await requireTherapist();
  const intake = await getIntakeForReview(id);
  if (!intake) return null;
  await recordAudit({ action: "intake_view", actorId: therapist.id, intakeId: intake.id, ipAddress: clientAddress(await headers()) });
  const [trail, previous] = await Promise.all([listAuditForIntake(intake.id), previousIntakeOf(intake)]);
  return { therapist, intake, trail, previous };
}
