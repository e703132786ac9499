import "server-only";
import { APIError } from "better-auth/api";
import { recordAudit } from "@/lib/data/audit";
import { findTherapistByEmail } from "@/lib/data/therapists";
import { getAuth } from "./auth";
import { signInNotChecked, signInSucceeded, takeSignInAttempt } from "./sign-in-limits";

export type SignInOutcome =
  | { ok: true; userId: string; headers: Headers }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "blocked"; limit: "address" | "account"; retryAfterSeconds: number };

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
  const email = input.email.trim().toLowerCase();
  const now = input.now ?? new Date();
  const account = await findTherapistByEmail(email);
  const audit = { actorId: account?.id ?? null, actorEmail: email, ipAddress: input.ipAddress };

  const gate = await takeSignInAttempt(email, input.ipAddress, now);
  if (!gate.allowed) {
    await recordAudit({ action: "sign_in_blocked", ...audit });
    return { ok: false, reason: "blocked", limit: gate.limit, retryAfterSeconds: gate.retryAfterSeconds };
  }

  let signedIn: { headers: Headers; userId: string };
  try {
    const { headers, response } = await getAuth().api.signInEmail({
      body: { email, password: input.password, rememberMe: false },
      headers: input.requestHeaders,
      returnHeaders: true,
    });
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
