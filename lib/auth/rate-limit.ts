import { RateLimiterPrisma } from "rate-limiter-flexible";
import { getDb } from "@/lib/db";

/**
 * Failed sign-ins are counted per account and per address (rate-limiter-flexible, stored in the
 * RateLimit table so a restart does not reset them). Past the limit, sign-in is refused for the
 * rest of the window, even with the right password.
 */
export const SIGN_IN_LIMITS = {
  perAccount: { points: 5, duration: 15 * 60 },
  perAddress: { points: 20, duration: 15 * 60 },
} as const;

type Limiters = { account: RateLimiterPrisma; address: RateLimiterPrisma };
const globalForLimits = globalThis as unknown as { signInLimiters?: Limiters };

function limiters(): Limiters {
  globalForLimits.signInLimiters ??= {
    account: new RateLimiterPrisma({
      storeClient: getDb(),
      tableName: "rateLimit",
      keyPrefix: "sign-in-account",
      clearExpiredByTimeout: false,
      ...SIGN_IN_LIMITS.perAccount,
    }),
    address: new RateLimiterPrisma({
      storeClient: getDb(),
      tableName: "rateLimit",
      keyPrefix: "sign-in-address",
      clearExpiredByTimeout: false,
      ...SIGN_IN_LIMITS.perAddress,
    }),
  };
  return globalForLimits.signInLimiters;
}

/** Seconds until sign-in is allowed again for this account or address; 0 when it is allowed now. */
export async function signInWaitSeconds(email: string, address: string): Promise<number> {
  const { account, address: byAddress } = limiters();
  const [a, b] = await Promise.all([account.get(email), byAddress.get(address)]);
  const waits = [
    a && a.consumedPoints >= SIGN_IN_LIMITS.perAccount.points ? a.msBeforeNext : 0,
    b && b.consumedPoints >= SIGN_IN_LIMITS.perAddress.points ? b.msBeforeNext : 0,
  ];
  return Math.ceil(Math.max(...waits) / 1000);
}

export async function countSignInFailure(email: string, address: string): Promise<void> {
  const { account, address: byAddress } = limiters();
  // penalty() adds a point without refusing: whether to refuse is decided by signInWaitSeconds.
  await Promise.all([account.penalty(email), byAddress.penalty(address)]);
}

/** A successful sign-in clears the account's count (not the address's: it may be shared). */
export async function clearSignInFailures(email: string): Promise<void> {
  await limiters().account.delete(email);
}
