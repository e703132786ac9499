import "server-only";
import { APIError } from "better-auth/api";
import { recordAudit } from "@/lib/data/audit";
import { findTherapistByEmail } from "@/lib/data/therapists";
import { getAuth } from "./auth";
import { signInNotChecked, signInSucceeded, takeSignInAttempt } from "./sign-in-limits";

export type SignInOutcome =
  | { ok: true; userId: string; headers: Headers }
  /** The password was right; the account's authenticator code (or a backup code) comes next. */
  | { ok: false; reason: "second-factor"; headers: Headers }
  | { ok: false; reason: "invalid" }
  | Blocked;

type Blocked = { ok: false; reason: "blocked"; limit: "address" | "account"; retryAfterSeconds: number };

/**
 * Each step of a sign-in (the password, then a code) starts here: the attempt is taken from the
 * per-account and per-address limits before anything is checked; a refusal is audited.
 */
async function takeAttempt(input: { email: string; ipAddress: string; now?: Date }): Promise<
  { blocked: Blocked } | { email: string; now: Date; audit: { actorId: string | null; actorEmail: string; ipAddress: string } }
> {
  const email = input.email.trim().toLowerCase();
  const now = input.now ?? new Date();
  const account = await findTherapistByEmail(email);
  const audit = { actorId: account?.id ?? null, actorEmail: email, ipAddress: input.ipAddress };
  const gate = await takeSignInAttempt(email, input.ipAddress, now);
  if (!gate.allowed) {
    await recordAudit({ action: "sign_in_blocked", ...audit });
    const blocked: Blocked = { ok: false, reason: "blocked", limit: gate.limit, retryAfterSeconds: gate.retryAfterSeconds };
    return { blocked };
  }
  return { email, now, audit };
}

/**
 * Email and password sign-in, limited per account and per address (lib/auth/sign-in-limits.ts),
 * with every attempt in the audit trail. A wrong email, a wrong password and a disabled account
 * look the same to the caller, so the form cannot be used to find out which emails have accounts.
 */
export async function signInWithPassword(input: {
  email: string;
  password: string;
  ipAddress: string;
  requestHeaders: Headers;
  /** The clock, for tests of the waits; the real time otherwise. */
  now?: Date;
}): Promise<SignInOutcome> {
  const attempt = await takeAttempt(input);
  if ("blocked" in attempt) return attempt.blocked;
  const { email, now, audit } = attempt;

  let signedIn: { headers: Headers; userId: string };
  try {
    const { headers, response } = await getAuth().api.signInEmail({
      body: { email, password: input.password, rememberMe: false },
      headers: input.requestHeaders,
      returnHeaders: true,
    });
    if ("twoFactorRedirect" in response) {
      // No session yet: better-auth set its short-lived two-factor cookie instead. The password
      // step is done (its attempt is given back); each code tried next takes one again.
      await signInSucceeded(email, input.ipAddress, now);
      await recordAudit({ action: "sign_in_password_ok", ...audit });
      return { ok: false, reason: "second-factor", headers };
    }
    signedIn = { headers, userId: response.user.id };
  } catch (error) {
    // APIError: wrong email or password, or no session for a disabled account. The attempt stays
    // taken: that is what the limits count.
    if (error instanceof APIError) {
      await recordAudit({ action: "sign_in_failed", ...audit });
      return { ok: false, reason: "invalid" };
    }
    await signInNotChecked(email, input.ipAddress, now);
    throw error;
  }
  await signInSucceeded(email, input.ipAddress, now);
  await recordAudit({ action: "sign_in", ...audit, actorId: signedIn.userId });
  return { ok: true, ...signedIn };
}

export type SecondFactorOutcome =
  | { ok: true; userId: string; headers: Headers }
  | { ok: false; reason: "invalid" | "expired" }
  | Blocked;

/**
 * The second step of a sign-in: the authenticator app's code, or one of the account's one-time
 * backup codes (each works once). Wrong codes are counted by the same limits as passwords, per
 * account and per address, and each attempt is in the audit trail.
 */
export async function signInWithSecondFactor(input: {
  email: string;
  code: string;
  kind: "totp" | "backup";
  ipAddress: string;
  requestHeaders: Headers;
  now?: Date;
}): Promise<SecondFactorOutcome> {
  const attempt = await takeAttempt(input);
  if ("blocked" in attempt) return attempt.blocked;
  const { email, now, audit } = attempt;
  const code = input.code.replace(/\s+/g, "");
  let signedIn: { headers: Headers; userId: string };
  try {
    const api = getAuth().api;
    const { headers, response } =
      input.kind === "totp"
        ? await api.verifyTOTP({ body: { code, trustDevice: false }, headers: input.requestHeaders, returnHeaders: true })
        : await api.verifyBackupCode({ body: { code, trustDevice: false }, headers: input.requestHeaders, returnHeaders: true });
    signedIn = { headers, userId: response.user.id };
  } catch (error) {
    if (error instanceof APIError) {
      await recordAudit({ action: "sign_in_failed", ...audit });
      // better-auth's own lock after repeated wrong codes: say so, as the limits do.
      if (error.statusCode === 429) return { ok: false, reason: "blocked", limit: "account", retryAfterSeconds: 60 };
      // Without the two-factor cookie (expired after ten minutes, or never set) the password comes first again.
      const code = String((error.body as { code?: string } | undefined)?.code ?? "");
      const expired = /COOKIE|SESSION|TOO_MANY|INVALID_TWO_FACTOR/i.test(code) && !/INVALID_CODE|INVALID_BACKUP/i.test(code);
      return { ok: false, reason: expired ? "expired" : "invalid" };
    }
    await signInNotChecked(email, input.ipAddress, now);
    throw error;
  }
  await signInSucceeded(email, input.ipAddress, now);
  await recordAudit({ action: "sign_in", ...audit, actorId: signedIn.userId });
  return { ok: true, ...signedIn };
}
