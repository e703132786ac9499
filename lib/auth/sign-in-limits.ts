import "server-only";
import { limitKeyOf } from "@/lib/http/client-address";
import { clearAttempts, giveBackAttempt, takeAttempt, type ThrottlePolicy } from "@/lib/data/sign-in-throttle";

/**
 * How sign-in is slowed, following OWASP's authentication guidance:
 *
 * - Per address (unforgeable since server.ts: the connection's, or the trusted proxy's report):
 *   20 attempts in 15 minutes, then that address is refused until the window passes. This stops
 *   a single source hard.
 * - Per account: 5 attempts freely, then a growing wait between attempts (2 s, 4 s, 8 s ... at
 *   most 60 s) until 15 minutes pass without one or the owner signs in. The right password is
 *   never refused for long: whoever holds it gets in within a minute of the last attempt, however
 *   many failures others caused from elsewhere, while a guesser spread over many addresses gets
 *   one try a minute at most.
 *
 * An attempt is taken before the password is checked and given back when the sign-in succeeds,
 * so attempts sent all at once cannot get more password checks than these limits allow.
 */
export const SIGN_IN_LIMITS = {
  perAddress: { attempts: 20, windowMs: 15 * 60_000 },
  perAccount: { freeAttempts: 5, firstWaitMs: 2_000, longestWaitMs: 60_000, windowMs: 15 * 60_000 },
} as const;

const ADDRESS: ThrottlePolicy = {
  windowMs: SIGN_IN_LIMITS.perAddress.windowMs,
  waitAfter: (n) => (n >= SIGN_IN_LIMITS.perAddress.attempts ? SIGN_IN_LIMITS.perAddress.windowMs : 0),
  steadyFrom: SIGN_IN_LIMITS.perAddress.attempts,
};

/** The wait after an account's nth attempt in a window. */
export function accountWaitMs(n: number): number {
  const { freeAttempts, firstWaitMs, longestWaitMs } = SIGN_IN_LIMITS.perAccount;
  if (n < freeAttempts) return 0;
  return Math.min(longestWaitMs, firstWaitMs * 2 ** Math.min(n - freeAttempts, 16));
}

/** The attempt from which the wait stops growing: the first whose wait is the longest. */
function firstLongest(): number {
  let n = 1;
  while (accountWaitMs(n) < SIGN_IN_LIMITS.perAccount.longestWaitMs) n++;
  return n;
}

const ACCOUNT: ThrottlePolicy = { windowMs: SIGN_IN_LIMITS.perAccount.windowMs, waitAfter: accountWaitMs, steadyFrom: firstLongest() };

const addressKey = (address: string) => `address:${limitKeyOf(address)}`;
const accountKey = (email: string) => `account:${email}`;

export type SignInGate =
  | { allowed: true }
  | { allowed: false; limit: "address" | "account"; retryAfterSeconds: number };

/** Takes one attempt for this address and this account, or says which limit refuses and for how long. */
export async function takeSignInAttempt(email: string, address: string, now: Date): Promise<SignInGate> {
  const byAddress = await takeAttempt(addressKey(address), ADDRESS, now);
  if (!byAddress.allowed) return { allowed: false, limit: "address", retryAfterSeconds: Math.ceil(byAddress.waitMs / 1000) };
  const byAccount = await takeAttempt(accountKey(email), ACCOUNT, now);
  if (!byAccount.allowed) {
    // Waiting for the account is not a failure of this address: someone else may be causing it.
    await giveBackAttempt(addressKey(address), ADDRESS, now);
    return { allowed: false, limit: "account", retryAfterSeconds: Math.ceil(byAccount.waitMs / 1000) };
  }
  return { allowed: true };
}

/** The password was right: the account's count is cleared, the address gets its attempt back. */
export async function signInSucceeded(email: string, address: string, now: Date): Promise<void> {
  await clearAttempts(accountKey(email));
  await giveBackAttempt(addressKey(address), ADDRESS, now);
}

/** The password was never checked (an unexpected error): both attempts are given back. */
export async function signInNotChecked(email: string, address: string, now: Date): Promise<void> {
  await giveBackAttempt(accountKey(email), ACCOUNT, now);
  await giveBackAttempt(addressKey(address), ADDRESS, now);
}
