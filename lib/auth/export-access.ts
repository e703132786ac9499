import "server-only";
import { databaseAnswers } from "@/lib/data/health";
import { isTherapistDisabled } from "@/lib/data/therapists";
import { getEnv } from "@/lib/env";
import { getAuth } from "./auth";
import { getTherapist } from "./session";

/**
 * Who may read an export (a FHIR response, the CSV, a PDF): a signed-in therapist (with
 * two-factor sign-in where it is required), or an integration with an API key made by
 * `npm run apikey:create` that carries the exports:read permission, is not revoked, and whose
 * owner account is still enabled. Every export route asks this itself, first.
 */
export type ExportReader =
  | { kind: "therapist"; userId: string; apiKeyId: null }
  | { kind: "apiKey"; userId: string; apiKeyId: string };

export type ExportAccess =
  | ExportReader
  /** 401: no session, no key, or a key that is not (or no longer) valid. */
  | { kind: "refused" }
  /** 429: a valid key past its rate limit. */
  | { kind: "throttled"; retryAfterSeconds: number };

export const API_KEY_HEADER = "x-api-key";
/** "intake_" and 64 letters: anything else is not one of ours, and is not looked up. */
const API_KEY_SHAPE = /^intake_[A-Za-z]{64}$/;

export async function exportAccess(request: Request): Promise<ExportAccess> {
  const key = request.headers.get(API_KEY_HEADER);
  if (key !== null) return accessOfKey(key);
  const therapist = await getTherapist();
  if (!therapist) return { kind: "refused" };
  if (getEnv().requireTwoFactor && !therapist.twoFactorEnabled) return { kind: "refused" };
  return { kind: "therapist", userId: therapist.id, apiKeyId: null };
}

async function accessOfKey(key: string): Promise<ExportAccess> {
  if (!API_KEY_SHAPE.test(key)) return { kind: "refused" };
  const result = await getAuth().api.verifyApiKey({ body: { key, permissions: { exports: ["read"] } } });
  if (!result.valid || !result.key) {
    const error = result.error as { code?: string; details?: { tryAgainIn?: number } } | null;
    if (error?.code === "RATE_LIMITED") {
      return { kind: "throttled", retryAfterSeconds: Math.max(1, Math.ceil((error.details?.tryAgainIn ?? 60_000) / 1000)) };
    }
    // The plugin reports a database failure as an invalid key: tell the two apart, so an outage
    // is a 500 in the error log rather than integrations quietly refused.
    await databaseAnswers();
    return { kind: "refused" };
  }
  if (await isTherapistDisabled(result.key.referenceId)) return { kind: "refused" };
  return { kind: "apiKey", userId: result.key.referenceId, apiKeyId: result.key.id };
}
