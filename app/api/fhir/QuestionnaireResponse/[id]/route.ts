import { exportAccess } from "@/lib/auth/export-access";
import { recordAudit } from "@/lib/data/audit";
import { getIntakeForReview } from "@/lib/data/intakes";
import { appFhirBase, fhirJson, outcome, refusedFhir } from "@/lib/exports/fhir/http";
import { INTAKE_ID, isRefusal } from "@/lib/exports/http";
import { fhirQuestionnaireResponse } from "@/lib/exports/fhir/response";
import { clientAddress } from "@/lib/http/client-address";
import { errorKind, log } from "@/lib/log";

/**
 * GET /api/fhir/QuestionnaireResponse/<intake id>: one intake as a FHIR R4 QuestionnaireResponse
 * with its precaution card (lib/exports/fhir/response.ts). A signed-in therapist or an API key;
 * each read is in the audit trail.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const reader = await exportAccess(request);
    if (isRefusal(reader)) return refusedFhir(reader);
    const { id } = await params;
    const intake = INTAKE_ID.test(id) ? await getIntakeForReview(id) : null;
    if (!intake) return outcome(404, "not-found", "No intake has this id.");
    await recordAudit({
      action: "export_fhir",
      actorId: reader.userId,
      apiKeyId: reader.apiKeyId,
      intakeId: intake.id,
      ipAddress: clientAddress(request.headers),
    });
    return fhirJson(200, fhirQuestionnaireResponse(intake, appFhirBase()));
  } catch (error) {
    log.error({ event: "export.fhir_failed", err: errorKind(error) });
    return outcome(500, "exception", "The intake could not be read just now. Try again.");
  }
}
