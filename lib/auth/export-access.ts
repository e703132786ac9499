import "server-only";
import { isTherapistDisabled } from "@/lib/data/therapists";
import { getEnv } from "@/lib/env";
import { getAuth } from "./auth";
import { getTherapist } from "./session";

/**
 * Who may read an export (a FHIR response, the CSV, a PDF): a signed-in therapist (with
 * two-factor sign-in where it is required), or an integration with an API key made by
 * `npm run apikey:create` that carries the exports:read permission and whose owner account is
 * still enabled. Every export route asks this itself, first, and answers 401 to null.
 */
export type ExportReader =
  | { kind: "therapist"; userId: string; apiKeyId: null }
  | { kind: "apiKey"; userId: string; apiKeyId: string };

export const API_KEY_HEADER = "x-api-key";
/** "intake_" and 64 letters: anything else is not one of ours, and is not looked up. */
const API_KEY_SHAPE = /^intake_[A-Za-z]{64}$/;

export async function exportReader(request: Request): Promise<ExportReader | null> {
  const key = request.headers.get(API_KEY_HEADER);
  if (key !== null) return readerOfKey(key);
  const therapist = await getTherapist();
  if (!therapist) return null;
  if (getEnv().requireTwoFactor && !therapist.twoFactorEnabled) return null;
  return { kind: "therapist", userId: therapist.id, apiKeyId: null };
}

async function readerOfKey(key: string): Promise<ExportReader | null> {
  if (!API_KEY_SHAPE.test(key)) return null;
  const result = await getAuth().api.verifyApiKey({ body: { key, permissions: { exports: ["read"] } } });
  if (!result.valid || !result.key) return null;
  const owner = result.key.referenceId;
  if (await isTherapistDisabled(owner)) return null;
  return { kind: "apiKey", userId: owner, apiKeyId: result.key.id };
}
