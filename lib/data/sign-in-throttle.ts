import "server-only";
import { getDb, type Db } from "@/lib/db";

/**
 * The store behind the sign-in limits (lib/auth/sign-in-limits.ts): per key, how many attempts
 * were taken in the current window, and when the next one may be. An attempt is taken before the
 * password is checked, inside one transaction, so attempts sent at the same moment queue here and
 * only those the policy allows go on: none can slip between a read and a write. (SQLite runs one
 * writing transaction at a time; the driver adapter queues this process's transactions.)
 */

export type ThrottlePolicy = {
  /** How long the count is kept after the last attempt taken. */
  windowMs: number;
  /** How long to wait after the `attempts`-th attempt of the window before another may be taken. */
  waitAfter: (attempts: number) => number;
};

export type Taken = { allowed: true; attempts: number } | { allowed: false; waitMs: number };

export async function takeAttempt(key: string, policy: ThrottlePolicy, now: Date, db: Db = getDb()): Promise<Taken> {
  return db.$transaction(async (tx) => {
    // Expired counts are forgotten here, so the table holds only live ones.
    await tx.signInThrottle.deleteMany({ where: { expiresAt: { lte: now } } });
    const row = await tx.signInThrottle.findUnique({ where: { key }, select: { attempts: true, notBefore: true } });
    if (row && row.notBefore > now) return { allowed: false, waitMs: row.notBefore.getTime() - now.getTime() };
    const attempts = (row?.attempts ?? 0) + 1;
    const data = {
      attempts,
      notBefore: new Date(now.getTime() + policy.waitAfter(attempts)),
      expiresAt: new Date(now.getTime() + policy.windowMs),
    };
    await tx.signInThrottle.upsert({ where: { key }, create: { key, ...data }, update: data, select: { key: true } });
    return { allowed: true, attempts };
  });
}

/** Gives one attempt back (a sign-in that succeeded, or one that never reached the password). */
export async function giveBackAttempt(key: string, policy: ThrottlePolicy, now: Date, db: Db = getDb()): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.signInThrottle.findUnique({ where: { key }, select: { attempts: true } });
    if (!row) return;
    const attempts = row.attempts - 1;
    if (attempts <= 0) {
      await tx.signInThrottle.deleteMany({ where: { key } });
      return;
    }
    // A count back under the policy's threshold has no wait; above it, the wait already set stands.
    await tx.signInThrottle.update({
      where: { key },
      data: { attempts, ...(policy.waitAfter(attempts) === 0 ? { notBefore: now } : {}) },
      select: { key: true },
    });
  });
}

/** Forgets every attempt of a key (an account's, after its owner signed in). */
export async function clearAttempts(key: string, db: Db = getDb()): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key } });
}
