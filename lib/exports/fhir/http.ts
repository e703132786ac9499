import "server-only";
import type { OperationOutcome } from "@medplum/fhirtypes";
import { getEnv } from "@/lib/env";
import { fhirBase } from "./questionnaire";

/** How the FHIR routes answer: FHIR's JSON media type, never cached, errors as OperationOutcome. */

export const FHIR_JSON = "application/fhir+json; charset=utf-8";

/** The app's FHIR base, from its public address. */
export const appFhirBase = () => fhirBase(getEnv().BETTER_AUTH_URL);

export function fhirJson(status: number, resource: object): Response {
  return new Response(JSON.stringify(resource), {
    status,
    headers: { "content-type": FHIR_JSON, "cache-control": "no-store" },
  });
}

/** An error in words, with no client data: FHIR clients read `issue[0].diagnostics`. */
export function outcome(status: 401 | 404 | 500, code: "login" | "not-found" | "exception", diagnostics: string): Response {
  const body: OperationOutcome = { resourceType: "OperationOutcome", issue: [{ severity: "error", code, diagnostics }] };
  const response = fhirJson(status, body);
  if (status === 401) response.headers.set("www-authenticate", 'ApiKey header="X-API-Key"');
  return response;
}
