import "server-only";
import type { OperationOutcome } from "@medplum/fhirtypes";
import { getEnv } from "@/lib/env";
import { SIGN_IN_TO_EXPORT, TOO_MANY_READS, WWW_AUTHENTICATE, type Refusal } from "../http";
import { fhirBase } from "./questionnaire";

/** How the FHIR routes answer: FHIR's JSON media type, never cached, errors as OperationOutcome. */

export const FHIR_JSON = "application/fhir+json; charset=utf-8";

/** The app's FHIR base, from its public address. */
export const appFhirBase = () => fhirBase(getEnv().BETTER_AUTH_URL);

export function fhirJson(status: number, resource: object, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(resource), {
    status,
    headers: { "content-type": FHIR_JSON, "cache-control": "no-store", ...headers },
  });
}

type IssueCode = "login" | "not-found" | "throttled" | "exception";

/** An error in words, with no client data: FHIR clients read `issue[0].diagnostics`. */
export function outcome(status: 401 | 404 | 429 | 500, code: IssueCode, diagnostics: string, headers: Record<string, string> = {}): Response {
  const body: OperationOutcome = { resourceType: "OperationOutcome", issue: [{ severity: "error", code, diagnostics }] };
  return fhirJson(status, body, headers);
}

/** 401 or 429, as an OperationOutcome. */
export function refusedFhir(refusal: Refusal): Response {
  return refusal.kind === "throttled"
    ? outcome(429, "throttled", TOO_MANY_READS, { "retry-after": String(refusal.retryAfterSeconds) })
    : outcome(401, "login", SIGN_IN_TO_EXPORT, WWW_AUTHENTICATE);
}
