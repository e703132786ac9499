import { QUESTIONNAIRE_ID, fhirQuestionnaire } from "@/lib/exports/fhir/questionnaire";
import { appFhirBase, fhirJson, outcome } from "@/lib/exports/fhir/http";
import { getEnv } from "@/lib/env";

/** Made per request: its URLs and publisher come from the running server's settings. */
export const dynamic = "force-dynamic";

/**
 * GET /api/fhir/Questionnaire/intake: the intake questionnaire as a FHIR R4 Questionnaire, the
 * current version. Public: it holds no client data. Earlier versions: ./_history/<version>.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (id !== QUESTIONNAIRE_ID) return outcome(404, "not-found", `There is one questionnaire: ${QUESTIONNAIRE_ID}.`);
  return fhirJson(200, fhirQuestionnaire(appFhirBase(), getEnv().CLINIC_NAME));
}
