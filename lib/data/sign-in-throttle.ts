import "server-only";
import { Prisma } from "@/lib/generated/sqlite/client";
import { getDb, type Db } from "@/lib/db";

/**
 * The store behind the sign-in limits (lib/auth/sign-in-limits.ts): per key, how many attempts
 * were taken in the current window, and when the next one may be. An attempt is taken before the
 * password is checked, with ONE SQL statement (an upsert that only writes when the key's wait is
 * over, and says whether it did), so attempts sent at the same moment cannot slip between a read
 * and a write. No transaction is opened: on this driver a transaction shares the connection with
 * every other query, and rolling one back would take other requests' writes with it.
 * Times are Unix milliseconds. The same SQL runs on SQLite and PostgreSQL.
 */

export type ThrottlePolicy = {
  /** How long the count is kept after the last attempt taken. */
  windowMs: number;
  /** How long to wait after the `attempts`-th attempt of the window before another may be taken. */
  waitAfter: (attempts: number) => number;
  /** From this many attempts on, waitAfter gives the same wait (bounds the SQL's lookup table). */
  steadyFrom: number;
};

export type Taken = { allowed: true; attempts: number } | { allowed: false; waitMs: number };

/**
 * A whole number as a typed SQL value. PostgreSQL does not guess a parameter's type from
 * arithmetic or a CASE ("operator does not exist: unknown + text"); CAST ... AS BIGINT reads the
 * same on SQLite and PostgreSQL.
 */
const int = (n: number) => Prisma.sql`CAST(${n} AS BIGINT)`;

/** waitAfter(n) as SQL, for the n the expression `n` gives: a CASE over 1 .. steadyFrom. */
function waitSql(policy: ThrottlePolicy, n: Prisma.Sql): Prisma.Sql {
  const steps = Array.from({ length: policy.steadyFrom - 1 }, (_, i) => Prisma.sql`WHEN ${int(i + 1)} THEN ${int(policy.waitAfter(i + 1))}`);
  return Prisma.sql`(CASE ${n} ${Prisma.join(steps, " ")} ELSE ${int(policy.waitAfter(policy.steadyFrom))} END)`;
}

export async function takeAttempt(key: string, policy: ThrottlePolicy, now: Date, db: Db = getDb()): Promise<Taken> {
  const t = now.getTime();
  // Expired counts are forgotten here, so the table holds only live ones.
  await db.$executeRaw`DELETE FROM "SignInThrottle" WHERE "expiresAt" <= ${int(t)}`;
  const next = Prisma.sql`(CASE WHEN "SignInThrottle"."expiresAt" <= ${int(t)} THEN 1 ELSE "SignInThrottle"."attempts" + 1 END)`;
  const rows = await db.$queryRaw<{ attempts: number | bigint }[]>`
    INSERT INTO "SignInThrottle" ("key", "attempts", "notBefore", "expiresAt")
    VALUES (${key}, 1, ${int(t + policy.waitAfter(1))}, ${int(t + policy.windowMs)})
    ON CONFLICT ("key") DO UPDATE SET
      "attempts" = ${next},
      "notBefore" = ${int(t)} + ${waitSql(policy, next)},
      "expiresAt" = ${int(t + policy.windowMs)}
    WHERE "SignInThrottle"."notBefore" <= ${int(t)} OR "SignInThrottle"."expiresAt" <= ${int(t)}
    RETURNING "attempts"`;
  if (rows[0]) return { allowed: true, attempts: Number(rows[0].attempts) };
  const [row] = await db.$queryRaw<{ notBefore: number | bigint }[]>`SELECT "notBefore" FROM "SignInThrottle" WHERE "key" = ${key}`;
  return { allowed: false, waitMs: Math.max(1, Number(row?.notBefore ?? t + 1000) - t) };
}

/** Gives one attempt back (a sign-in that succeeded, or one that never reached the password). */
export async function giveBackAttempt(key: string, policy: ThrottlePolicy, now: Date, db: Db = getDb()): Promise<void> {
  const t = now.getTime();
  const left = Prisma.sql`("attempts" - 1)`;
  // A count back under the policy's threshold has no wait; above it, the wait already set stands.
  await db.$executeRaw`
    UPDATE "SignInThrottle" SET
      "attempts" = ${left},
      "notBefore" = CASE WHEN ${waitSql(policy, left)} = 0 THEN ${int(t)} ELSE "notBefore" END
    WHERE "key" = ${key}`;
  await db.$executeRaw`DELETE FROM "SignInThrottle" WHERE "key" = ${key} AND "attempts" <= 0`;
}

/** Forgets every attempt of a key (an account's, after its owner signed in). */
export async function clearAttempts(key: string, db: Db = getDb()): Promise<void> {
  await db.$executeRaw`DELETE FROM "SignInThrottle" WHERE "key" = ${key}`;
}
