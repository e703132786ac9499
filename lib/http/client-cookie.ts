import "server-only";
import { getEnv } from "@/lib/env";

/**
 * How the app's cookies on a client's browser are set (the date-of-birth proof, the posted form's
 * draft key): httpOnly; Lax, so sent when the client opens the form from an email but never on
 * another site's POST; Secure wherever the app is served over HTTPS (as production is), plain on
 * localhost. Without `maxAgeSeconds` the cookie ends with the browser session.
 */
export function clientCookieOptions(path: string, maxAgeSeconds?: number) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: getEnv().BETTER_AUTH_URL.startsWith("https:"),
    path,
    ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}),
  };
}
