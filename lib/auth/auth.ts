import "server-only";
import { betterAuth } from "better-auth";
import { nextCookies } from "better-auth/next-js";
import { twoFactor } from "better-auth/plugins";
import { apiKey } from "@better-auth/api-key";
import { authStore } from "@/lib/data/auth-store";
import { isTherapistDisabled } from "@/lib/data/therapists";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";

export const MIN_PASSWORD_LENGTH = 12;
/**
 * Longest a session lives, however active. better-auth applies it only to "remember me" sessions
 * (ours are not: they last a day there), so lib/data/sessions.ts ends each one 12 hours after
 * sign-in itself, as it ends one after 30 minutes idle.
 */
const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/**
 * Keys for integrations: stored as SHA-256 only, never turned into a session (each export route
 * checks the key itself, for the one permission it needs), at most 600 reads a minute per key.
 */
export const API_KEY_OPTIONS = {
  schema: { apikey: { modelName: "apiKey" } },
  defaultPrefix: "intake_",
  enableSessionForAPIKeys: false,
  rateLimit: { enabled: true, timeWindow: 60_000, maxRequests: 600 },
  permissions: { defaultPermissions: { exports: ["read"] } },
  // "intake_" and six characters of the key: enough to tell keys apart in apikey:list.
  startingCharactersConfig: { shouldStore: true, charactersLength: 13 },
} as const;

/**
 * better-auth: email and password, hashed with scrypt, sessions stored in the database (no cookie
 * cache), so signing out or disabling an account ends a session on the very next request.
 * Sign-up is closed: accounts are made with `npm run therapist:create` (see lib/auth/accounts.ts).
 */
function createAuth({ allowSignUp }: { allowSignUp: boolean }) {
  const env = getEnv();
  return betterAuth({
    appName: "Massage intake",
    baseURL: env.BETTER_AUTH_URL,
    secret: env.BETTER_AUTH_SECRET,
    database: authStore(),
    emailAndPassword: {
      enabled: true,
      disableSignUp: !allowSignUp,
      autoSignIn: false,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: 256,
    },
    session: {
      expiresIn: SESSION_MAX_AGE_SECONDS,
      // Activity is tracked by our own lastActiveAt; better-auth would otherwise try to reset the
      // cookie from server components, which cannot set cookies.
      disableSessionRefresh: true,
      cookieCache: { enabled: false },
    },
    databaseHooks: {
      session: {
        create: {
          // A disabled account gets no new session, whatever its password.
          before: async (session) => !(await isTherapistDisabled(session.userId)),
        },
      },
    },
    // Sign-in is rate limited per account and per address in lib/auth/sign-in.ts, where the
    // limits are stored in the database; the routes of better-auth are not exposed at all.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    // Into our JSON logs, message only: the extra arguments may carry request data.
    logger: {
      log: (level, message) =>
        // A wrong or revoked API key is a refused request (401), not a fault of the server.
        message.startsWith("Failed to validate API key")
          ? log.warn({ event: "auth.api_key_refused" })
          : log[level]({ event: "auth", message }),
    },
    // Authenticator apps (TOTP) and ten one-time backup codes; API keys for integrations that read
    // exports (lib/auth/export-access.ts); nextCookies last, so the cookies the others set reach
    // the browser from server actions.
    plugins: [
      twoFactor({ issuer: env.CLINIC_NAME, backupCodeOptions: { amount: 10, length: 10 } }),
      apiKey(API_KEY_OPTIONS),
      nextCookies(),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { auth?: Auth; authWithSignUp?: Auth };

/** The app's auth: sign-in, sessions, sign-out. */
export function getAuth(): Auth {
  globalForAuth.auth ??= createAuth({ allowSignUp: false });
  return globalForAuth.auth;
}

/** For creating accounts from the command line only; never reachable from a request. */
export function getAuthForAccountCreation(): Auth {
  globalForAuth.authWithSignUp ??= createAuth({ allowSignUp: true });
  return globalForAuth.authWithSignUp;
}
