import { APIError } from "better-auth/api";
import { recordAudit } from "@/lib/data/audit";
import { findTherapistByEmail } from "@/lib/data/therapists";
import { getAuth } from "./auth";
import { clearSignInFailures, countSignInFailure, signInWaitSeconds } from "./rate-limit";

export type SignInOutcome =
  | { ok: true; userId: string; headers: Headers }
  | { ok: false; reason: "invalid" | "blocked"; retryAfterSeconds?: number };

/**
 * Email and password sign-in, rate limited per account and per address, with every attempt in
 * the audit trail. A wrong email, a wrong password and a disabled account look the same to the
 * caller, so the form cannot be used to find out which emails have accounts.
 */
export async function signInWithPassword(input: {
  email: string;
  password: string;
  ipAddress: string;
  requestHeaders: Headers;
}): Promise<SignInOutcome> {
  const email = input.email.trim().toLowerCase();
  const account = await findTherapistByEmail(email);
  const audit = { actorId: account?.id ?? null, actorEmail: email, ipAddress: input.ipAddress };

  const wait = await signInWaitSeconds(email, input.ipAddress);
  if (wait > 0) {
    await recordAudit({ action: "sign_in_blocked", ...audit });
    return { ok: false, reason: "blocked", retryAfterSeconds: wait };
  }

  try {
    const { headers, response } = await getAuth().api.signInEmail({
      body: { email, password: input.password, rememberMe: false },
      headers: input.requestHeaders,
      returnHeaders: true,
    });
    await clearSignInFailures(email);
    await recordAudit({ action: "sign_in", ...audit, actorId: response.user.id });
    return { ok: true, userId: response.user.id, headers };
  } catch (error) {
    // APIError: wrong email or password, or no session for a disabled account.
    if (!(error instanceof APIError)) throw error;
    await countSignInFailure(email, input.ipAddress);
    await recordAudit({ action: "sign_in_failed", ...audit });
    return { ok: false, reason: "invalid" };
  }
}
