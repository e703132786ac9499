import "server-only";
import type { ExportAccess } from "@/lib/auth/export-access";

/** How the export routes answer what is not an export: short plain text, no client data, never cached. */

export function plainText(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers } });
}

export const SIGN_IN_TO_EXPORT = "Sign in as a therapist, or send an API key made with `npm run apikey:create` in the X-API-Key header.";
export const TOO_MANY_READS = "Too many reads with this API key. Try again later.";
/** Where a 401 says how to authenticate. */
export const WWW_AUTHENTICATE = { "www-authenticate": 'ApiKey header="X-API-Key"' };

export type Refusal = Extract<ExportAccess, { kind: "refused" | "throttled" }>;
export const isRefusal = (access: ExportAccess): access is Refusal => access.kind === "refused" || access.kind === "throttled";

/** 401 or 429 for the CSV and PDF routes. */
export function refusedText(refusal: Refusal): Response {
  return refusal.kind === "throttled"
    ? plainText(429, TOO_MANY_READS, { "retry-after": String(refusal.retryAfterSeconds) })
    : plainText(401, SIGN_IN_TO_EXPORT, WWW_AUTHENTICATE);
}

/** Intake ids as the database makes them (lowercase letters and digits); anything else is not looked up. */
export const INTAKE_ID = /^[a-z0-9]{1,40}$/;
