import { OLDEST_SCHEMA_VERSION, QUESTIONNAIRE_ID, fhirQuestionnaire } from "@/lib/exports/fhir/questionnaire";
import { appFhirBase, fhirJson, outcome } from "@/lib/exports/fhir/http";
import { getEnv } from "@/lib/env";
import { INTAKE_SCHEMA_VERSION } from "@/lib/intake/schema";

/** Made per request: its URLs and publisher come from the running server's settings. */
export const dynamic = "force-dynamic";

/**
 * GET /api/fhir/Questionnaire/intake/_history/<version>: the questionnaire as it was under an
 * INTAKE_SCHEMA_VERSION, the one a stored response names in its `questionnaire` (url|version).
 * (The folder is "%5Fhistory": a folder starting with "_" would be private to Next.)
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; vid: string }> }) {
  const { id, vid } = await params;
  const version = /^\d{1,3}$/.test(vid) ? Number(vid) : NaN;
  if (id !== QUESTIONNAIRE_ID || !(version >= OLDEST_SCHEMA_VERSION && version <= INTAKE_SCHEMA_VERSION)) {
    return outcome(404, "not-found", `No such version: the questionnaire has versions ${OLDEST_SCHEMA_VERSION} to ${INTAKE_SCHEMA_VERSION}.`);
  }
  return fhirJson(200, fhirQuestionnaire(appFhirBase(), getEnv().CLINIC_NAME, version));
}
