import "server-only";

/** A short plain-text answer from an export route (no client data in it), never cached. */
export function plainText(status: number, message: string): Response {
  return new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

export const SIGN_IN_TO_EXPORT = "Sign in as a therapist, or send an API key made with `npm run apikey:create` in the X-API-Key header.";

/** Intake ids as the database makes them (cuid); anything else is not looked up. */
export const INTAKE_ID = /^[a-z0-9]{1,40}$/;
